package buildsys.image;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The protective MBR in sector 0: one partition of type 0xEE covering the disk, so MBR-only tools leave it alone.
 * Only bytes 440-511 are written, as sgdisk does: the boot code before them (GRUB's boot.img on x86_64) is kept.
 */
final class ProtectiveMbr {
    static final int OFFSET = 440;
    private static final int TABLE = 446 - OFFSET;
    private static final int SIGNATURE = 510 - OFFSET;
    private static final byte PROTECTIVE_TYPE = (byte) 0xee;
    private static final long HEADS = 255;
    private static final long SECTORS_PER_TRACK = 63;

    private ProtectiveMbr() {
    }

    /** Bytes 440-511 of sector 0: a zero disk signature, the protective entry, three empty entries, 0x55AA. */
    static ByteBuffer encode(long diskSectors) {
        ByteBuffer tail = ByteBuffer.allocate(512 - OFFSET).order(ByteOrder.LITTLE_ENDIAN);
        tail.position(TABLE);
        // Status 0 (not bootable), first sector at CHS 0/0/2 (LBA 1), the type, the last sector in CHS.
        tail.put((byte) 0).put((byte) 0).put((byte) 2).put((byte) 0).put(PROTECTIVE_TYPE);
        tail.put(chs(diskSectors - 1));
        tail.putInt(1).putInt((int) Math.min(diskSectors - 1, 0xffffffffL));
        tail.position(SIGNATURE);
        tail.put((byte) 0x55).put((byte) 0xaa);
        return tail.position(0);
    }

    /** Whether sector 0 holds an MBR whose first entry is protective. */
    static boolean isProtective(ByteBuffer sector0) {
        return sector0.get(510) == 0x55 && sector0.get(511) == (byte) 0xaa
                && sector0.get(OFFSET + TABLE + 4) == PROTECTIVE_TYPE;
    }

    // sgdisk's geometry of 255 heads and 63 sectors per track; past cylinder 1023 all bits are set (0xFFFFFF).
    private static byte[] chs(long lba) {
        long cylinder = lba / (HEADS * SECTORS_PER_TRACK);
        if (cylinder > 1023) {
            return new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff};
        }
        long head = (lba / SECTORS_PER_TRACK) % HEADS;
        long sector = lba % SECTORS_PER_TRACK + 1;
        return new byte[] {(byte) head, (byte) (sector | ((cylinder >> 2) & 0xc0)), (byte) cylinder};
    }
}
