package buildsys.cache;

import common.PathErrors;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;

/** Copies a stream into a file and digests the bytes on the way, so every byte is read once. */
final class HashingCopy {
    /** The SHA-256 and length of what was copied. */
    record Digest(String sha256, long size) {
    }

    private HashingCopy() {
    }

    static Digest copy(Path source, Path target) throws IOException {
        MessageDigest digest = Sha256.newDigest();
        long size = 0;
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(source); OutputStream out = Files.newOutputStream(target)) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                digest.update(buffer, 0, n);
                write(out, buffer, n, target);
                size += n;
            }
        }
        return new Digest(Sha256.hex(digest), size);
    }

    private static void write(OutputStream out, byte[] buffer, int length, Path target) throws IOException {
        try {
            out.write(buffer, 0, length);
        } catch (IOException e) {
            // A full disk says only "No space left on device": name the file, so the user knows which disk.
            throw PathErrors.naming(target, e);
        }
    }
}
