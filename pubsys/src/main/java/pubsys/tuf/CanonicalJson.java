package pubsys.tuf;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * OLPC canonical JSON, the bytes TUF signs (pubsys.md §4.3): no whitespace, object keys sorted by their serialized
 * UTF-8 bytes, only {@code "} and {@code \} escaped, everything else raw UTF-8, integers only.
 */
public final class CanonicalJson {
    private CanonicalJson() {
    }

    /** The canonical bytes of {@code node}; throws {@link IllegalArgumentException} for floats. */
    public static byte[] bytes(JsonNode node) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        write(node, out);
        return out.toByteArray();
    }

    private static void write(JsonNode node, ByteArrayOutputStream out) {
        if (node.isObject()) {
            writeObject(node, out);
        } else if (node.isArray()) {
            out.write('[');
            for (int i = 0; i < node.size(); i++) {
                if (i > 0) {
                    out.write(',');
                }
                write(node.get(i), out);
            }
            out.write(']');
        } else if (node.isTextual()) {
            out.writeBytes(string(node.textValue()));
        } else if (node.isIntegralNumber()) {
            out.writeBytes(node.bigIntegerValue().toString().getBytes(StandardCharsets.US_ASCII));
        } else if (node.isNumber()) {
            // olpc-cjson refuses floats: their text form is not canonical.
            throw new IllegalArgumentException("canonical JSON has no floats, got '" + node + "'");
        } else if (node.isBoolean() || node.isNull()) {
            out.writeBytes(node.toString().getBytes(StandardCharsets.US_ASCII));
        } else {
            throw new IllegalArgumentException("canonical JSON cannot encode a " + node.getNodeType() + " node");
        }
    }

    private static void writeObject(JsonNode node, ByteArrayOutputStream out) {
        record Entry(byte[] key, JsonNode value) {
        }
        List<Entry> entries = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            entries.add(new Entry(string(e.getKey()), e.getValue()));
        }
        // tough sorts by the serialized key bytes (quote and escapes included); UTF-8 byte order is code point order.
        entries.sort((a, b) -> Arrays.compareUnsigned(a.key(), b.key()));
        out.write('{');
        for (int i = 0; i < entries.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.writeBytes(entries.get(i).key());
            out.write(':');
            write(entries.get(i).value(), out);
        }
        out.write('}');
    }

    private static byte[] string(String raw) {
        // olpc-cjson (tough) NFC-normalizes strings; for already-normalized text this is the identity.
        String s = Normalizer.normalize(raw, Normalizer.Form.NFC);
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                sb.append('\\');
            }
            sb.append(c);
        }
        return sb.append('"').toString().getBytes(StandardCharsets.UTF_8);
    }
}
