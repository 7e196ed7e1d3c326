package buildsys.image;

import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The partitions of one disk, sorted by start as {@code sgdisk --sort} numbers them: the first is partition 1.
 * Partitions may not overlap; gaps are allowed.
 */
public record PartitionTable(List<Partition> partitions) {
    /** The number of entries of a GPT partition array as sgdisk writes it. */
    static final int MAX_PARTITIONS = 128;

    public PartitionTable {
        partitions = partitions.stream().sorted(Comparator.comparingLong(Partition::startMib)).toList();
        if (partitions.size() > MAX_PARTITIONS) {
            throw new IllegalArgumentException("a GPT holds at most " + MAX_PARTITIONS + " partitions, got "
                    + partitions.size());
        }
        Set<String> names = new HashSet<>();
        Partition previous = null;
        for (Partition partition : partitions) {
            if (!names.add(partition.name())) {
                throw new IllegalArgumentException("partition '" + partition.name() + "' appears twice");
            }
            if (previous != null && partition.startMib() < previous.endMib()) {
                throw new IllegalArgumentException("partition '" + partition.name() + "' at " + partition.startMib()
                        + " MiB overlaps '" + previous.name() + "', which ends at " + previous.endMib() + " MiB");
            }
            previous = partition;
        }
    }

    public Partition partition(String name) {
        return partitions.get(number(name) - 1);
    }

    /** The GPT partition number of {@code name}, counting from 1 in start order. */
    public int number(String name) {
        for (int i = 0; i < partitions.size(); i++) {
            if (partitions.get(i).name().equals(name)) {
                return i + 1;
            }
        }
        throw new IllegalArgumentException("no partition '" + name + "' in this table");
    }

    /** The first MiB after the last partition (0 for an empty table). */
    public long endMib() {
        return partitions.isEmpty() ? 0 : partitions.get(partitions.size() - 1).endMib();
    }
}
