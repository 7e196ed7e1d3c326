package buildsys.image;

import java.util.regex.Pattern;

/**
 * The dm-verity table of the root filesystem, as GRUB hands it to the kernel in {@code dm-mod.create}: data and hash
 * devices are the two partitions after the boot partition GRUB booted from ({@code $boot_uuid}), 4 KiB blocks,
 * sha256, restart on corruption (buildsys.md §7.1 step 12).
 */
public record VerityTable(long dataBlocks, String rootHash, String salt) {
    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern SALT = Pattern.compile("-|([0-9a-f]{2})*");
    private static final int BLOCK_SIZE = 4096;
    private static final int SECTORS_PER_BLOCK = BLOCK_SIZE / 512;

    public VerityTable {
        if (dataBlocks < 1) {
            throw new IllegalArgumentException("veritysetup reported " + dataBlocks + " data blocks");
        }
        if (rootHash == null || !SHA256_HEX.matcher(rootHash).matches()) {
            throw new IllegalArgumentException("veritysetup root hash '" + rootHash
                    + "' is not 64 lowercase hex digits");
        }
        if (salt == null || !SALT.matcher(salt).matches()) {
            throw new IllegalArgumentException("veritysetup salt '" + salt + "' is neither '-' nor lowercase hex");
        }
    }

    /** {@code dataBlocks}, {@code rootHash} and {@code salt} as {@code veritysetup format} prints them. */
    public static VerityTable of(long dataBlocks, String rootHash, String salt) {
        return new VerityTable(dataBlocks, rootHash, salt);
    }

    /** The table as one line; {@code $boot_uuid} is left for GRUB to expand. */
    public String table() {
        return String.join(" ",
                "root,,,ro,0", Long.toString(dataBlocks * SECTORS_PER_BLOCK), "verity", "1",
                "PARTUUID=$boot_uuid/PARTNROFF=1", "PARTUUID=$boot_uuid/PARTNROFF=2",
                Integer.toString(BLOCK_SIZE), Integer.toString(BLOCK_SIZE), Long.toString(dataBlocks),
                "1", "sha256", rootHash, salt, "2", "restart_on_corruption", "ignore_zero_blocks");
    }
}
