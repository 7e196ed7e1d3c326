package buildsys.cache;

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
                out.write(buffer, 0, n);
                size += n;
            }
        }
        return new Digest(Sha256.hex(digest), size);
    }
}
