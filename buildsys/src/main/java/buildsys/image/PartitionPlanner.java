package buildsys.image;

import buildsys.manifest.ImageLayout;
import buildsys.manifest.PartitionPlan;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Plans the partitions of a variant's disks from its image layout, with upstream's partyplanner arithmetic
 * (buildsys.md §7.2): fixed GPT, BIOS, EFI and DATA-A sizes, and bank and private sizes that scale per GiB of OS image.
 */
public final class PartitionPlanner {
    static final long GPT_MIB = 1;
    static final String DATA_A = "DATA-A";
    static final String DATA_B = "DATA-B";

    private static final long BIOS_MIB = 4;
    private static final long EFI_MIB = 5;
    private static final long DATA_A_MIB = 1;
    private static final long OVERHEAD_MIB = 2 * GPT_MIB + BIOS_MIB;
    private static final long BOOT_PER_GIB = 20;
    private static final long ROOT_PER_GIB = 460;
    private static final long HASH_PER_GIB = 5;
    private static final long RESERVED_PER_GIB = 15;
    private static final long PRIVATE_PER_GIB = 24;

    private PartitionPlanner() {
    }

    /**
     * With in-place updates the OS disk gets banks A and B; without, a single bank A whose partitions are twice as
     * large (EFI included), so the disk layout after the bank is the same.
     */
    public static DiskPlan plan(ImageLayout layout, boolean inPlaceUpdates) {
        long osGib = layout.osImageSizeGib();
        long dataMib = layout.dataImageSizeGib() * 1024L;
        Cursor os = new Cursor(GPT_MIB);
        os.add("BIOS", "BIOS-BOOT", PartitionTypes.BIOS_BOOT, BIOS_MIB);
        if (inPlaceUpdates) {
            addBank(os, osGib, 'A', 1);
            addBank(os, osGib, 'B', 1);
        } else {
            addBank(os, osGib, 'A', 2);
        }
        // The private partition absorbs the fixed overhead and DATA-A's MiB, so a split OS disk ends exactly at its
        // backup GPT.
        os.add("PRIVATE", "BOTTLEROCKET-PRIVATE", PartitionTypes.PRIVATE,
                osGib * PRIVATE_PER_GIB - OVERHEAD_MIB - DATA_A_MIB);
        if (layout.partitionPlan() == PartitionPlan.UNIFIED) {
            os.addData(DATA_A, dataMib, PartitionTypes.DATA_PREFERRED_GUID);
            return new DiskPlan(os.table(), Optional.empty(), osGib * 1024 + dataMib, 0);
        }
        os.addData(DATA_A, DATA_A_MIB, PartitionTypes.DATA_FALLBACK_GUID);
        // QUIRK kept for byte parity with upstream: rpm2img computes DATA-B's GPT entry end from DATA-A's size, so the
        // entry covers only 1 MiB (sectors 2048-4095) while the filesystem written at 1 MiB fills the disk
        // (DiskPlan.dataFilesystem: data GiB * 1024 - 2 MiB). The OS grows the partition on first boot.
        Cursor data = new Cursor(GPT_MIB);
        data.addData(DATA_B, DATA_A_MIB, PartitionTypes.DATA_PREFERRED_GUID);
        return new DiskPlan(os.table(), Optional.of(data.table()), osGib * 1024, dataMib);
    }

    private static void addBank(Cursor cursor, long osGib, char bank, int scale) {
        boolean a = bank == 'A';
        cursor.add("EFI-" + bank, a ? "EFI-SYSTEM" : "EFI-BACKUP", a ? PartitionTypes.EFI_SYSTEM
                : PartitionTypes.EFI_BACKUP, EFI_MIB * scale);
        cursor.add("BOOT-" + bank, "BOTTLEROCKET-BOOT-" + bank, PartitionTypes.BOOT, osGib * BOOT_PER_GIB * scale,
                a ? PartitionTypes.BOOT_A_ATTRIBUTES : 0);
        cursor.add("ROOT-" + bank, "BOTTLEROCKET-ROOT-" + bank, PartitionTypes.ROOT, osGib * ROOT_PER_GIB * scale);
        cursor.add("HASH-" + bank, "BOTTLEROCKET-HASH-" + bank, PartitionTypes.HASH, osGib * HASH_PER_GIB * scale);
        // The bank's EFI partition comes out of its reserved share.
        cursor.add("RESERVED-" + bank, "BOTTLEROCKET-RESERVED-" + bank, PartitionTypes.RESERVED,
                (osGib * RESERVED_PER_GIB - EFI_MIB) * scale);
    }

    /** Lays partitions out back to back from a starting MiB. */
    private static final class Cursor {
        private final List<Partition> partitions = new ArrayList<>();
        private long offsetMib;

        Cursor(long startMib) {
            this.offsetMib = startMib;
        }

        void add(String name, String label, UUID type, long sizeMib) {
            add(name, label, type, sizeMib, 0);
        }

        void add(String name, String label, UUID type, long sizeMib, long attributes) {
            partitions.add(new Partition(name, label, type, offsetMib, sizeMib, Optional.empty(), attributes));
            offsetMib += sizeMib;
        }

        // Data partitions have no label (the OS labels the one it picks at boot) and a well-known GUID.
        void addData(String name, long sizeMib, UUID guid) {
            partitions.add(new Partition(name, "", PartitionTypes.DATA, offsetMib, sizeMib, Optional.of(guid), 0));
            offsetMib += sizeMib;
        }

        PartitionTable table() {
            return new PartitionTable(partitions);
        }
    }
}
