package buildsys.image;

import java.util.Objects;

/**
 * Where the image build writes the data filesystem (ext4, or zeros for xfs): which disk, at which MiB, how large. On a
 * split plan this is not the size of the GPT entry around it (see {@link PartitionPlanner}).
 */
public record DataFilesystem(Disk disk, long offsetMib, long fsSizeMib) {
    /** The disk image a filesystem goes into. */
    public enum Disk {
        OS,
        DATA
    }

    public DataFilesystem {
        Objects.requireNonNull(disk);
        if (offsetMib < 1 || fsSizeMib < 1) {
            throw new IllegalArgumentException("data filesystem at " + offsetMib + "+" + fsSizeMib + " MiB");
        }
    }
}
