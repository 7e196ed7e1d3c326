package buildsys.image;

import java.nio.ByteBuffer;
import java.util.zip.CRC32;

/** The CRC32 GPT uses for its headers and partition arrays (the zlib/IEEE polynomial). */
final class Crc {
    private Crc() {
    }

    /** The CRC32 of {@code buffer}'s remaining bytes, leaving its position alone. */
    static int of(ByteBuffer buffer) {
        CRC32 crc = new CRC32();
        crc.update(buffer.duplicate());
        return (int) crc.getValue();
    }
}
