package buildsys.image;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.UUID;

/**
 * GUIDs as GPT stores them (UEFI spec, "mixed endian"): the first three fields little-endian, the last eight bytes in
 * the order they are written.
 */
final class Guids {
    static final int BYTES = 16;

    private Guids() {
    }

    static void put(ByteBuffer buffer, UUID guid) {
        long high = guid.getMostSignificantBits();
        ByteBuffer little = buffer.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        little.putInt((int) (high >>> 32)).putShort((short) (high >>> 16)).putShort((short) high);
        little.order(ByteOrder.BIG_ENDIAN).putLong(guid.getLeastSignificantBits());
        buffer.position(little.position());
    }

    static UUID get(ByteBuffer buffer) {
        ByteBuffer little = buffer.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        long high = (little.getInt() & 0xffffffffL) << 32 | (little.getShort() & 0xffffL) << 16
                | (little.getShort() & 0xffffL);
        long low = little.order(ByteOrder.BIG_ENDIAN).getLong();
        buffer.position(little.position());
        return new UUID(high, low);
    }
}
