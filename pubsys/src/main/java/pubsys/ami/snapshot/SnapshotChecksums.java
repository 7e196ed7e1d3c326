package pubsys.ami.snapshot;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * The checksums EBS direct checks: SHA-256 of each block as sent ({@code x-amz-Checksum}, base64), and the LINEAR
 * aggregate that CompleteSnapshot carries: SHA-256 over the raw per-block digests concatenated in ascending block
 * index, skipped blocks excluded.
 */
final class SnapshotChecksums {
    private SnapshotChecksums() {
    }

    static byte[] sha256(byte[] data, int length) {
        MessageDigest d = newSha256();
        d.update(data, 0, length);
        return d.digest();
    }

    static String base64(byte[] digest) {
        return Base64.getEncoder().encodeToString(digest);
    }

    /** Accumulates digests in block order; feed it ascending indexes only. */
    static final class Linear {
        private final MessageDigest aggregate = newSha256();
        private int count;

        void add(byte[] blockDigest) {
            aggregate.update(blockDigest);
            count++;
        }

        int count() {
            return count;
        }

        String base64() {
            return SnapshotChecksums.base64(aggregate.digest());
        }
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
