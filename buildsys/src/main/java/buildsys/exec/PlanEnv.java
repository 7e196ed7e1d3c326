package buildsys.exec;

import buildsys.image.DiskPlan;
import buildsys.image.Partition;
import buildsys.image.PartitionTable;
import java.util.ArrayList;
import java.util.List;

/** The partition plan as build-image.sh reads it ({@code plan.env}; its contract block documents the format). */
final class PlanEnv {
    private PlanEnv() {
    }

    static String render(DiskPlan plan) {
        StringBuilder out = new StringBuilder("# partition plan computed by twoliter (buildsys.image.PartitionPlanner)\n");
        out.append("OS_DISK_MIB=").append(plan.osDiskMib()).append('\n');
        out.append("DATA_DISK_MIB=").append(plan.dataDiskMib()).append('\n');
        PartitionTable os = plan.osDisk();
        for (Partition partition : os.partitions()) {
            out.append("PART_").append(partition.name().replace('-', '_')).append('=')
                    .append(entry(os.number(partition.name()), partition)).append('\n');
        }
        plan.dataDisk().ifPresent(data -> {
            Partition partition = data.partitions().get(0);
            out.append("DATA_PART=").append(entry(data.number(partition.name()), partition)).append('\n');
        });
        out.append("DATA_FS_MIB=").append(plan.dataFilesystem().fsSizeMib()).append('\n');
        return out.toString();
    }

    private static String entry(int number, Partition partition) {
        return number + ":" + partition.startMib() + ":" + partition.sizeMib() + ":" + partition.type() + ":"
                + partition.fixedGuid().map(Object::toString).orElse("R") + ":" + partition.label() + ":"
                + attributes(partition.attributes());
    }

    private static String attributes(long bits) {
        List<String> operations = new ArrayList<>();
        for (int bit = 0; bit < 64; bit++) {
            if ((bits & (1L << bit)) != 0) {
                operations.add("set:" + bit);
            }
        }
        return String.join(",", operations);
    }
}
