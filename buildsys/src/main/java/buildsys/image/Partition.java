package buildsys.image;

import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * One planned partition: its key in the plan ({@code BOOT-A}), its GPT name ({@code BOTTLEROCKET-BOOT-A}, empty for
 * data partitions), type, place in MiB, the partition GUID when it is fixed (data partitions; the others get a random
 * one when the table is written) and its GPT attribute bits.
 */
public record Partition(String name, String label, UUID type, long startMib, long sizeMib, Optional<UUID> fixedGuid,
                        long attributes) {
    /** 512-byte sectors per MiB. */
    static final long SECTORS_PER_MIB = 2048;
    /** A GPT entry holds a name of at most 36 UTF-16 code units. */
    static final int MAX_LABEL_UNITS = 36;

    public Partition {
        Objects.requireNonNull(name);
        Objects.requireNonNull(label);
        Objects.requireNonNull(type);
        Objects.requireNonNull(fixedGuid);
        if (name.isBlank()) {
            throw new IllegalArgumentException("a partition needs a name");
        }
        if (label.length() > MAX_LABEL_UNITS) {
            throw new IllegalArgumentException("partition label '" + label + "' is longer than the "
                    + MAX_LABEL_UNITS + " UTF-16 units a GPT entry holds");
        }
        if (startMib < 1 || sizeMib < 1) {
            throw new IllegalArgumentException("partition '" + name + "' must start at 1 MiB or later and be at least"
                    + " 1 MiB, got " + startMib + "+" + sizeMib + " MiB");
        }
    }

    /** The first MiB after this partition. */
    public long endMib() {
        return startMib + sizeMib;
    }

    public long firstLba() {
        return startMib * SECTORS_PER_MIB;
    }

    /** The last sector, inclusive: rpm2img's {@code (start+size)*2048-1}. */
    public long lastLba() {
        return endMib() * SECTORS_PER_MIB - 1;
    }
}
