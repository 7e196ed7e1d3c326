package buildsys.image;

import java.util.Objects;
import java.util.Optional;

/**
 * The partition tables of a variant's disks and the disk sizes in MiB: the OS disk, and the data disk of a split plan
 * ({@code dataDiskMib} is 0 when there is none).
 */
public record DiskPlan(PartitionTable osDisk, Optional<PartitionTable> dataDisk, long osDiskMib, long dataDiskMib) {
    public DiskPlan {
        Objects.requireNonNull(osDisk);
        Objects.requireNonNull(dataDisk);
        if (dataDisk.isPresent() != dataDiskMib > 0) {
            throw new IllegalArgumentException("a data disk needs a size and a size needs a data disk, got "
                    + dataDiskMib + " MiB");
        }
        requireFits("OS", osDisk, osDiskMib);
        dataDisk.ifPresent(table -> requireFits("data", table, dataDiskMib));
    }

    private static void requireFits(String disk, PartitionTable table, long diskMib) {
        // The last MiB holds the backup GPT.
        if (table.endMib() > diskMib - PartitionPlanner.GPT_MIB) {
            throw new IllegalArgumentException("the " + disk + " disk partitions end at " + table.endMib()
                    + " MiB, past the backup GPT of a " + diskMib + " MiB disk");
        }
    }

    /**
     * Where the data filesystem goes (buildsys.md §7.1 step 16): unified plans put it in DATA-A on the OS disk; split
     * plans put it on the data disk at DATA-B's start, filling everything between the two GPT MiBs.
     */
    public DataFilesystem dataFilesystem() {
        if (dataDisk.isPresent()) {
            Partition dataB = dataDisk.get().partition(PartitionPlanner.DATA_B);
            return new DataFilesystem(DataFilesystem.Disk.DATA, dataB.startMib(),
                    dataDiskMib - 2 * PartitionPlanner.GPT_MIB);
        }
        Partition dataA = osDisk.partition(PartitionPlanner.DATA_A);
        return new DataFilesystem(DataFilesystem.Disk.OS, dataA.startMib(), dataA.sizeMib());
    }
}
