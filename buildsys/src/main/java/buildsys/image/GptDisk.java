package buildsys.image;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/** The partition table of a disk image: its disk GUID, its size in 512-byte sectors and its used entries. */
public record GptDisk(UUID diskGuid, long sectors, List<GptEntry> entries) {
    public GptDisk {
        Objects.requireNonNull(diskGuid);
        entries = List.copyOf(entries);
    }

    /** The entry with this GPT name; data partitions have an empty name, so look them up by GUID. */
    public Optional<GptEntry> entry(String name) {
        return entries.stream().filter(e -> e.name().equals(name)).findFirst();
    }
}
