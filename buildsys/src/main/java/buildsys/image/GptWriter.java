package buildsys.image;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Writes a partition table into an existing disk image as {@code sgdisk --clear ... --sort} does: a protective MBR,
 * the primary GPT header and 128-entry array at sectors 1-33, and the backup array and header in the last 33 sectors.
 * Only those sectors are written, so a sparse image stays sparse and everything else in it is left as it is.
 */
public final class GptWriter {
    static final int SECTOR = GptHeader.SECTOR;
    static final long ARRAY_SECTORS = GptEntries.BYTES / SECTOR;
    /** The first sector after the protective MBR, the primary header and the primary array. */
    static final long FIRST_USABLE_LBA = 2 + ARRAY_SECTORS;

    private final Supplier<UUID> guids;

    /** A writer that gives the disk and every partition without a fixed GUID a random GUID. */
    public GptWriter() {
        this(UUID::randomUUID);
    }

    /** A writer taking the disk GUID, then each partition's GUID in partition order, from {@code guids}. */
    public GptWriter(Supplier<UUID> guids) {
        this.guids = Objects.requireNonNull(guids);
    }

    /** Partitions {@code disk}, whose size must be a whole number of sectors, and returns what it wrote. */
    public GptDisk write(FileChannel disk, PartitionTable table) throws IOException {
        long sectors = sectorsOf(disk.size());
        long lastUsable = sectors - 1 - ARRAY_SECTORS - 1;
        UUID diskGuid = guids.get();
        List<GptEntry> entries = new ArrayList<>();
        for (Partition partition : table.partitions()) {
            if (partition.firstLba() < FIRST_USABLE_LBA || partition.lastLba() > lastUsable) {
                throw new IllegalArgumentException("partition '" + partition.name() + "' spans sectors "
                        + partition.firstLba() + "-" + partition.lastLba() + ", outside the usable sectors "
                        + FIRST_USABLE_LBA + "-" + lastUsable + " of a disk of " + sectors + " sectors; the image file is"
                        + " smaller than its partition plan");
            }
            entries.add(new GptEntry(entries.size() + 1, partition.label(), partition.type(),
                    partition.fixedGuid().orElseGet(guids), partition.firstLba(), partition.lastLba(),
                    partition.attributes()));
        }
        ByteBuffer array = GptEntries.encode(entries);
        int arrayCrc = Crc.of(array);
        long backupArrayLba = sectors - 1 - ARRAY_SECTORS;
        GptHeader primary = new GptHeader(1, sectors - 1, FIRST_USABLE_LBA, lastUsable, diskGuid, 2,
                GptEntries.COUNT, GptEntries.SIZE, arrayCrc);
        GptHeader backup = new GptHeader(sectors - 1, 1, FIRST_USABLE_LBA, lastUsable, diskGuid, backupArrayLba,
                GptEntries.COUNT, GptEntries.SIZE, arrayCrc);
        writeFully(disk, ProtectiveMbr.encode(sectors), ProtectiveMbr.OFFSET);
        writeFully(disk, primary.encode(), SECTOR);
        writeFully(disk, array.duplicate(), 2L * SECTOR);
        writeFully(disk, array.duplicate(), backupArrayLba * SECTOR);
        writeFully(disk, backup.encode(), (sectors - 1) * SECTOR);
        return new GptDisk(diskGuid, sectors, entries);
    }

    private static long sectorsOf(long bytes) {
        long sectors = bytes / SECTOR;
        // Room for both GPT copies and at least one usable sector.
        if (bytes % SECTOR != 0 || sectors < 2 * FIRST_USABLE_LBA) {
            throw new IllegalArgumentException("a disk image of " + bytes + " bytes cannot hold a GPT; it must be a"
                    + " whole number of 512-byte sectors and at least " + 2 * FIRST_USABLE_LBA + " of them");
        }
        return sectors;
    }

    private static void writeFully(FileChannel disk, ByteBuffer bytes, long position) throws IOException {
        long at = position;
        while (bytes.hasRemaining()) {
            at += disk.write(bytes, at);
        }
    }
}
