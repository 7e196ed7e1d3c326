package pubsys.tuf;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The little DER this package needs: reading and writing single-byte-tag TLVs of PKCS#8 and SPKI structures. */
final class Der {
    static final int INTEGER = 0x02;
    static final int BIT_STRING = 0x03;
    static final int OCTET_STRING = 0x04;
    static final int NULL = 0x05;
    static final int OID = 0x06;
    static final int SEQUENCE = 0x30;

    /** One tag-length-value. */
    record Tlv(int tag, byte[] value) {
        List<Tlv> children() {
            return Der.sequence(value);
        }

        byte[] encoded() {
            return Der.tlv(tag, value);
        }
    }

    private Der() {
    }

    /** Exactly one TLV filling {@code bytes}. */
    static Tlv single(byte[] bytes) {
        List<Tlv> all = sequence(bytes);
        if (all.size() != 1) {
            throw new IllegalArgumentException("expected one DER value, found " + all.size());
        }
        return all.get(0);
    }

    static List<Tlv> sequence(byte[] bytes) {
        List<Tlv> out = new ArrayList<>();
        int pos = 0;
        while (pos < bytes.length) {
            int tag = bytes[pos++] & 0xff;
            check(pos < bytes.length);
            int len = bytes[pos++] & 0xff;
            if (len >= 0x80) {
                int n = len & 0x7f;
                check(n >= 1 && n <= 3 && pos + n <= bytes.length);
                len = 0;
                for (int i = 0; i < n; i++) {
                    len = (len << 8) | (bytes[pos++] & 0xff);
                }
            }
            check(pos + len <= bytes.length);
            out.add(new Tlv(tag, Arrays.copyOfRange(bytes, pos, pos + len)));
            pos += len;
        }
        return out;
    }

    static byte[] tlv(int tag, byte[]... parts) {
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            content.writeBytes(p);
        }
        int len = content.size();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        if (len < 0x80) {
            out.write(len);
        } else if (len < 0x100) {
            out.write(0x81);
            out.write(len);
        } else {
            out.write(0x82);
            out.write(len >> 8);
            out.write(len & 0xff);
        }
        out.writeBytes(content.toByteArray());
        return out.toByteArray();
    }

    private static void check(boolean ok) {
        if (!ok) {
            throw new IllegalArgumentException("truncated or oversized DER value");
        }
    }
}
