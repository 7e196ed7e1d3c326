package buildsys.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import buildsys.manifest.ImageLayout;
import buildsys.manifest.PartitionPlan;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class PartitionPlannerTest {
    private static final ImageLayout SPLIT_2 = new ImageLayout(2, 1, 22, PartitionPlan.SPLIT);
    private static final ImageLayout SPLIT_4 = new ImageLayout(4, 1, 22, PartitionPlan.SPLIT);
    private static final ImageLayout UNIFIED_2 = new ImageLayout(2, 1, 22, PartitionPlan.UNIFIED);
    private static final ImageLayout UNIFIED_4 = new ImageLayout(4, 1, 22, PartitionPlan.UNIFIED);

    // The columns of buildsys.md §7.2, "name start+size" in MiB, in partition-number order; unified plans differ only
    // in DATA-A.
    static Stream<Arguments> osDisks() {
        return Stream.of(
                Arguments.of(SPLIT_2, true, 2048, List.of("BIOS 1+4", "EFI-A 5+5", "BOOT-A 10+40", "ROOT-A 50+920",
                        "HASH-A 970+10", "RESERVED-A 980+25", "EFI-B 1005+5", "BOOT-B 1010+40", "ROOT-B 1050+920",
                        "HASH-B 1970+10", "RESERVED-B 1980+25", "PRIVATE 2005+41", "DATA-A 2046+1")),
                Arguments.of(SPLIT_4, true, 4096, List.of("BIOS 1+4", "EFI-A 5+5", "BOOT-A 10+80", "ROOT-A 90+1840",
                        "HASH-A 1930+20", "RESERVED-A 1950+55", "EFI-B 2005+5", "BOOT-B 2010+80", "ROOT-B 2090+1840",
                        "HASH-B 3930+20", "RESERVED-B 3950+55", "PRIVATE 4005+89", "DATA-A 4094+1")),
                Arguments.of(SPLIT_2, false, 2048, List.of("BIOS 1+4", "EFI-A 5+10", "BOOT-A 15+80",
                        "ROOT-A 95+1840", "HASH-A 1935+20", "RESERVED-A 1955+50", "PRIVATE 2005+41", "DATA-A 2046+1")),
                Arguments.of(UNIFIED_2, true, 3072, List.of("BIOS 1+4", "EFI-A 5+5", "BOOT-A 10+40", "ROOT-A 50+920",
                        "HASH-A 970+10", "RESERVED-A 980+25", "EFI-B 1005+5", "BOOT-B 1010+40", "ROOT-B 1050+920",
                        "HASH-B 1970+10", "RESERVED-B 1980+25", "PRIVATE 2005+41", "DATA-A 2046+1024")),
                Arguments.of(UNIFIED_4, true, 5120, List.of("BIOS 1+4", "EFI-A 5+5", "BOOT-A 10+80", "ROOT-A 90+1840",
                        "HASH-A 1930+20", "RESERVED-A 1950+55", "EFI-B 2005+5", "BOOT-B 2010+80", "ROOT-B 2090+1840",
                        "HASH-B 3930+20", "RESERVED-B 3950+55", "PRIVATE 4005+89", "DATA-A 4094+1024")));
    }

    @ParameterizedTest
    @MethodSource("osDisks")
    void plan_osDisk_matchesUpstreamTable(ImageLayout layout, boolean inPlaceUpdates, long diskMib,
                                          List<String> expected) {
        DiskPlan plan = PartitionPlanner.plan(layout, inPlaceUpdates);

        assertThat(plan.osDisk().partitions()).extracting(p -> p.name() + " " + p.startMib() + "+" + p.sizeMib())
                .containsExactlyElementsOf(expected);
        assertThat(plan.osDiskMib()).isEqualTo(diskMib);
    }

    @ParameterizedTest
    @CsvSource({
            "BIOS, BIOS-BOOT, 21686148-6449-6e6f-744e-656564454649, 0",
            "EFI-A, EFI-SYSTEM, c12a7328-f81f-11d2-ba4b-00a0c93ec93b, 0",
            "BOOT-A, BOTTLEROCKET-BOOT-A, 6b636168-7420-6568-2070-6c616e657421, 0x0101000000000000",
            "ROOT-A, BOTTLEROCKET-ROOT-A, 5526016a-1a97-4ea4-b39a-b7c8c6ca4502, 0",
            "HASH-A, BOTTLEROCKET-HASH-A, 598f10af-c955-4456-6a99-7720068a6cea, 0",
            "RESERVED-A, BOTTLEROCKET-RESERVED-A, 0c5d99a5-d331-4147-baef-08e2b855bdc9, 0",
            "EFI-B, EFI-BACKUP, b39ce39c-0a00-b4ab-2d11-f18f8237a21c, 0",
            "BOOT-B, BOTTLEROCKET-BOOT-B, 6b636168-7420-6568-2070-6c616e657421, 0",
            "ROOT-B, BOTTLEROCKET-ROOT-B, 5526016a-1a97-4ea4-b39a-b7c8c6ca4502, 0",
            "HASH-B, BOTTLEROCKET-HASH-B, 598f10af-c955-4456-6a99-7720068a6cea, 0",
            "RESERVED-B, BOTTLEROCKET-RESERVED-B, 0c5d99a5-d331-4147-baef-08e2b855bdc9, 0",
            "PRIVATE, BOTTLEROCKET-PRIVATE, 440408bb-eb0b-4328-a6e5-a29038fad706, 0",
            "DATA-A, '', 626f7474-6c65-6474-6861-726d61726b73, 0",
    })
    void plan_splitInPlaceUpdates_labelsTypesAndAttributes(String name, String label, UUID type, String attributes) {
        Partition partition = PartitionPlanner.plan(SPLIT_2, true).osDisk().partition(name);

        assertThat(partition.label()).isEqualTo(label);
        assertThat(partition.type()).isEqualTo(type);
        assertThat(partition.attributes()).isEqualTo(Long.decode(attributes));
        assertThat(partition.fixedGuid().isPresent()).isEqualTo(name.equals("DATA-A"));
    }

    @Test
    void plan_noInPlaceUpdates_keepsBankALabels() {
        PartitionTable os = PartitionPlanner.plan(SPLIT_2, false).osDisk();

        assertThat(os.partitions()).extracting(Partition::label).containsExactly("BIOS-BOOT", "EFI-SYSTEM",
                "BOTTLEROCKET-BOOT-A", "BOTTLEROCKET-ROOT-A", "BOTTLEROCKET-HASH-A", "BOTTLEROCKET-RESERVED-A",
                "BOTTLEROCKET-PRIVATE", "");
        assertThat(os.partition("BOOT-A").attributes()).isEqualTo(PartitionTypes.BOOT_A_ATTRIBUTES);
    }

    // buildsys.md §7.2: verity finds ROOT and HASH at PARTNROFF=1 and 2 from the boot partition.
    @Test
    void plan_inPlaceUpdates_numbersPartitionsInStartOrder() {
        PartitionTable os = PartitionPlanner.plan(SPLIT_2, true).osDisk();

        assertThat(List.of("BIOS", "EFI-A", "BOOT-A", "ROOT-A", "HASH-A", "RESERVED-A", "EFI-B", "BOOT-B", "ROOT-B",
                "HASH-B", "RESERVED-B", "PRIVATE", "DATA-A")).extracting(os::number)
                .containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13);
    }

    // buildsys.md §11 case 28: the sgdisk arguments rpm2img passes, -n 0:<start>M:<end sector>.
    @ParameterizedTest
    @CsvSource({
            "BOOT-A, 10, 102399",
            "ROOT-A, 50, 1986559",
            "PRIVATE, 2005, 4190207",
            "DATA-A, 2046, 4192255",
    })
    void plan_split2Gib_sectorsOfCase28(String name, long startMib, long endSector) {
        Partition partition = PartitionPlanner.plan(SPLIT_2, true).osDisk().partition(name);

        assertThat(partition.startMib()).isEqualTo(startMib);
        assertThat(partition.firstLba()).isEqualTo(startMib * 2048);
        assertThat(partition.lastLba()).isEqualTo(endSector);
    }

    @ParameterizedTest
    @CsvSource({"2, 1", "4, 1", "20, 10"})
    void plan_split_dataDiskEntryIsOneMibButFilesystemFillsTheDisk(int osGib, int dataGib) {
        DiskPlan plan = PartitionPlanner.plan(new ImageLayout(osGib, dataGib, 22, PartitionPlan.SPLIT), true);

        Partition dataB = plan.dataDisk().orElseThrow().partitions().get(0);
        assertThat(plan.dataDisk().orElseThrow().partitions()).hasSize(1);
        assertThat(dataB).isEqualTo(new Partition("DATA-B", "", PartitionTypes.DATA, 1, 1,
                Optional.of(PartitionTypes.DATA_PREFERRED_GUID), 0));
        // The quirk of buildsys.md §7.1 step 2: the entry ends at sector 4095 whatever the data disk size.
        assertThat(dataB.lastLba()).isEqualTo(4095);
        assertThat(plan.dataDiskMib()).isEqualTo(dataGib * 1024L);
        assertThat(plan.dataFilesystem()).isEqualTo(new DataFilesystem(DataFilesystem.Disk.DATA, 1,
                dataGib * 1024L - 2));
        assertThat(plan.osDisk().partition("DATA-A").fixedGuid()).contains(PartitionTypes.DATA_FALLBACK_GUID);
    }

    @Test
    void plan_unified_dataAIsPreferredAndHoldsTheFilesystem() {
        DiskPlan plan = PartitionPlanner.plan(UNIFIED_2, true);

        assertThat(plan.dataDisk()).isEmpty();
        assertThat(plan.dataDiskMib()).isZero();
        assertThat(plan.osDisk().partition("DATA-A").fixedGuid()).contains(PartitionTypes.DATA_PREFERRED_GUID);
        assertThat(plan.dataFilesystem()).isEqualTo(new DataFilesystem(DataFilesystem.Disk.OS, 2046, 1024));
    }

    @Test
    void partitionTable_overlap_isRejected() {
        Partition a = new Partition("A", "a", PartitionTypes.ROOT, 1, 10, Optional.empty(), 0);
        Partition b = new Partition("B", "b", PartitionTypes.ROOT, 10, 10, Optional.empty(), 0);

        assertThatThrownBy(() -> new PartitionTable(List.of(b, a)))
                .hasMessage("partition 'B' at 10 MiB overlaps 'A', which ends at 11 MiB");
    }

    @Test
    void partition_labelLongerThanAGptName_isRejected() {
        assertThatThrownBy(() -> new Partition("X", "X".repeat(37), PartitionTypes.ROOT, 1, 1, Optional.empty(), 0))
                .hasMessageContaining("longer than the 36 UTF-16 units");
    }

    @Test
    void diskPlan_partitionsPastTheBackupGpt_areRejected() {
        PartitionTable os = PartitionPlanner.plan(SPLIT_2, true).osDisk();

        assertThatThrownBy(() -> new DiskPlan(os, Optional.empty(), 2047, 0))
                .hasMessage("the OS disk partitions end at 2047 MiB, past the backup GPT of a 2047 MiB disk");
    }
}
