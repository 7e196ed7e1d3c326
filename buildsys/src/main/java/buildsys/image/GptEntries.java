package buildsys.image;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The GPT partition entry array (UEFI spec 5.3.3): 128 entries of 128 bytes, an all-zero type marking a free one. */
final class GptEntries {
    static final int COUNT = 128;
    static final int SIZE = 128;
    static final int BYTES = COUNT * SIZE;
    private static final int NAME_OFFSET = 56;
    private static final int NAME_BYTES = 72;
    private static final UUID UNUSED = new UUID(0, 0);

    private GptEntries() {
    }

    /** The full array, each entry at the slot of its number. */
    static ByteBuffer encode(List<GptEntry> entries) {
        ByteBuffer array = ByteBuffer.allocate(BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (GptEntry entry : entries) {
            array.position((entry.number() - 1) * SIZE);
            Guids.put(array, entry.type());
            Guids.put(array, entry.guid());
            array.putLong(entry.firstLba()).putLong(entry.lastLba()).putLong(entry.attributes());
            // Names are UTF-16LE, NUL-padded; Partition checked they fit.
            array.put(entry.name().getBytes(StandardCharsets.UTF_16LE));
        }
        return array.position(0);
    }

    /** The used entries of an array of {@code count} entries of {@code size} bytes (at least 128 each). */
    static List<GptEntry> decode(ByteBuffer array, int count, int size) {
        List<GptEntry> entries = new ArrayList<>();
        ByteBuffer in = array.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < count; i++) {
            in.position(i * size);
            UUID type = Guids.get(in);
            if (type.equals(UNUSED)) {
                continue;
            }
            UUID guid = Guids.get(in);
            long first = in.getLong();
            long last = in.getLong();
            long attributes = in.getLong();
            entries.add(new GptEntry(i + 1, name(in.position(i * size + NAME_OFFSET)), type, guid, first, last,
                    attributes));
        }
        return entries;
    }

    private static String name(ByteBuffer in) {
        byte[] bytes = new byte[NAME_BYTES];
        in.get(bytes);
        String name = new String(bytes, StandardCharsets.UTF_16LE);
        int nul = name.indexOf('\0');
        return nul < 0 ? name : name.substring(0, nul);
    }
}
