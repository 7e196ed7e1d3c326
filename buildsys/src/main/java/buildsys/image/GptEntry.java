package buildsys.image;

import java.util.Objects;
import java.util.UUID;

/** One used entry of a GPT partition array, as written to or read from a disk; sectors are 512 bytes. */
public record GptEntry(int number, String name, UUID type, UUID guid, long firstLba, long lastLba, long attributes) {
    public GptEntry {
        Objects.requireNonNull(name);
        Objects.requireNonNull(type);
        Objects.requireNonNull(guid);
        if (number < 1 || firstLba > lastLba) {
            throw new IllegalArgumentException("GPT entry " + number + " '" + name + "' spans sectors " + firstLba
                    + "-" + lastLba);
        }
        if (name.length() > Partition.MAX_LABEL_UNITS) {
            throw new IllegalArgumentException("GPT entry name '" + name + "' is longer than "
                    + Partition.MAX_LABEL_UNITS + " UTF-16 units");
        }
    }
}
