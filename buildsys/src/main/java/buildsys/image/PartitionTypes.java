package buildsys.image;

import java.util.UUID;

/** The GPT partition type GUIDs and fixed partition GUIDs of a Bottlerocket disk (buildsys.md §7.2). */
public final class PartitionTypes {
    /** sgdisk's type code {@code ef02}: where grub-bios-setup puts GRUB's second stage. */
    public static final UUID BIOS_BOOT = UUID.fromString("21686148-6449-6e6f-744e-656564454649");
    public static final UUID EFI_SYSTEM = UUID.fromString("c12a7328-f81f-11d2-ba4b-00a0c93ec93b");
    /** A placeholder type for bank B's EFI partition; no firmware looks for it. */
    public static final UUID EFI_BACKUP = UUID.fromString("b39ce39c-0a00-b4ab-2d11-f18f8237a21c");
    /** GRUB's gptprio.next picks the boot partition by this type and its priority bits. */
    public static final UUID BOOT = UUID.fromString("6b636168-7420-6568-2070-6c616e657421");
    public static final UUID ROOT = UUID.fromString("5526016a-1a97-4ea4-b39a-b7c8c6ca4502");
    public static final UUID HASH = UUID.fromString("598f10af-c955-4456-6a99-7720068a6cea");
    public static final UUID RESERVED = UUID.fromString("0c5d99a5-d331-4147-baef-08e2b855bdc9");
    public static final UUID PRIVATE = UUID.fromString("440408bb-eb0b-4328-a6e5-a29038fad706");
    public static final UUID DATA = UUID.fromString("626f7474-6c65-6474-6861-726d61726b73");

    /** The partition GUID the OS looks for first when it picks its data partition at boot. */
    public static final UUID DATA_PREFERRED_GUID = UUID.fromString("5b94e8df-28b8-485c-9d19-362263b5944c");
    /** The partition GUID of the data partition used when no preferred one exists. */
    public static final UUID DATA_FALLBACK_GUID = UUID.fromString("69040874-417d-4e26-a764-7885f22007ea");

    /** BOOT-A's attributes: bit 48 (the lowest gptprio priority bit) and bit 56 (gptprio "successful"). */
    public static final long BOOT_A_ATTRIBUTES = (1L << 48) | (1L << 56);

    private PartitionTypes() {
    }
}
