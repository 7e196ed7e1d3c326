package buildsys.plan;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 over length-prefixed fields, so that no two different field sequences can produce the same byte stream
 * ("ab","c" and "a","bc" differ), as Bazel's fingerprints do.
 */
final class Fingerprint {
    private final MessageDigest digest;

    Fingerprint() {
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    Fingerprint add(String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        digest.update(ByteBuffer.allocate(Long.BYTES).putLong(bytes.length).array());
        digest.update(bytes);
        return this;
    }

    Fingerprint add(String name, String value) {
        return add(name).add(value);
    }

    Fingerprint add(String name, long value) {
        return add(name).add(Long.toString(value));
    }

    String hex() {
        return HexFormat.of().formatHex(digest.digest());
    }
}
