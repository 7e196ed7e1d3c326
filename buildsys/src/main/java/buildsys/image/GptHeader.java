package buildsys.image;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import java.util.UUID;

/** A GPT header (UEFI spec 5.3.2), primary or backup: its fields, and its encoding into one 512-byte sector. */
record GptHeader(long myLba, long alternateLba, long firstUsableLba, long lastUsableLba, UUID diskGuid,
                 long entriesLba, int entryCount, int entrySize, int entriesCrc) {
    static final int SECTOR = 512;
    static final int SIZE = 92;
    private static final byte[] SIGNATURE = "EFI PART".getBytes(StandardCharsets.US_ASCII);
    private static final int REVISION_1_0 = 0x00010000;
    private static final int CRC_OFFSET = 16;

    GptHeader {
        Objects.requireNonNull(diskGuid);
    }

    ByteBuffer encode() {
        ByteBuffer sector = ByteBuffer.allocate(SECTOR).order(ByteOrder.LITTLE_ENDIAN);
        sector.put(SIGNATURE).putInt(REVISION_1_0).putInt(SIZE).putInt(0).putInt(0);
        sector.putLong(myLba).putLong(alternateLba).putLong(firstUsableLba).putLong(lastUsableLba);
        Guids.put(sector, diskGuid);
        sector.putLong(entriesLba).putInt(entryCount).putInt(entrySize).putInt(entriesCrc);
        sector.putInt(CRC_OFFSET, Crc.of(sector.duplicate().position(0).limit(SIZE)));
        return sector.position(0);
    }

    /** Parses and checks one header sector; {@code where} names it in errors ("primary GPT header of 'os.img'"). */
    static GptHeader decode(ByteBuffer sector, String where) throws InvalidGptException {
        ByteBuffer in = sector.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        byte[] signature = new byte[SIGNATURE.length];
        in.get(signature);
        if (!Arrays.equals(signature, SIGNATURE)) {
            throw new InvalidGptException("the " + where + " has no 'EFI PART' signature; the image has no GPT or"
                    + " is damaged, build it again");
        }
        int revision = in.getInt();
        int headerSize = in.getInt();
        int storedCrc = in.getInt();
        if (revision != REVISION_1_0 || headerSize < SIZE || headerSize > SECTOR) {
            throw new InvalidGptException("the " + where + " has revision 0x" + Integer.toHexString(revision)
                    + " and size " + headerSize + ", expected 0x10000 and 92 to 512 bytes");
        }
        ByteBuffer checked = sector.duplicate().order(ByteOrder.LITTLE_ENDIAN).position(0).limit(headerSize);
        ByteBuffer zeroed = ByteBuffer.allocate(headerSize).put(checked).flip();
        zeroed.order(ByteOrder.LITTLE_ENDIAN).putInt(CRC_OFFSET, 0);
        int actualCrc = Crc.of(zeroed);
        if (actualCrc != storedCrc) {
            throw new InvalidGptException("the " + where + " has CRC32 " + hex(actualCrc) + " but records "
                    + hex(storedCrc) + "; the header is corrupt, build the image again");
        }
        in.getInt(); // reserved
        return new GptHeader(in.getLong(), in.getLong(), in.getLong(), in.getLong(), Guids.get(in), in.getLong(),
                in.getInt(), in.getInt(), in.getInt());
    }

    static String hex(int crc) {
        return String.format("0x%08x", crc);
    }
}
