package buildsys.fetch;

import buildsys.manifest.Sha512;
import common.AtomicFiles;
import common.Causes;
import common.ErrorCategory;
import common.TwoliterException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The machine-wide store of verified external files, {@code <root>/sha512/<hex>} (Bazel's repository cache). Only
 * bytes whose digest matches their name enter it: they are streamed into a temp file beside the entry, hashed on the
 * way, and moved into place atomically, so concurrent runs never see a partial file.
 */
final class RepositoryCache {
    private static final int BUFFER = 64 * 1024;

    private final Path dir;

    RepositoryCache(Path root) {
        this.dir = root.resolve("sha512");
    }

    Path dir() {
        return dir;
    }

    /** The entry for {@code sha512} if present and intact; a corrupt entry is deleted and reported absent. */
    Optional<Path> lookup(Sha512 sha512) throws TwoliterException {
        Path entry = dir.resolve(sha512.hex());
        if (!Files.isRegularFile(entry)) {
            return Optional.empty();
        }
        try {
            if (hash(entry).equals(sha512.hex())) {
                return Optional.of(entry);
            }
            // Bit rot or a hand edit: never trust it, fetch again.
            Files.deleteIfExists(entry);
            return Optional.empty();
        } catch (IOException e) {
            throw new TwoliterException(ErrorCategory.FAILURE, "cannot check '" + entry + "' in the repository cache: "
                    + Causes.describe(e) + "; fix its permissions or delete it", e);
        }
    }

    /**
     * Streams {@code in} into the cache if its digest is {@code expected}, else keeps nothing. A failure to read
     * {@code in} is the source's and propagates as {@link IOException}; a failure to write is a
     * {@link TwoliterException} naming the cache.
     */
    Outcome store(InputStream in, Sha512 expected) throws IOException, TwoliterException {
        Path tmp = createTemp(expected);
        try {
            String actual = copy(in, tmp);
            if (!actual.equals(expected.hex())) {
                return new Outcome.Mismatch(actual);
            }
            Path entry = dir.resolve(expected.hex());
            try {
                // A concurrent run may have stored the same bytes meanwhile; replacing them is harmless.
                AtomicFiles.move(tmp, entry);
            } catch (IOException e) {
                throw cacheWriteError(entry, e);
            }
            return new Outcome.Stored(entry);
        } finally {
            deleteQuietly(tmp);
        }
    }

    private Path createTemp(Sha512 sha512) throws TwoliterException {
        try {
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, "." + sha512.hex().substring(0, 16) + ".", ".tmp");
            if (dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                // Temp files are 0600; entries are readable like any download, for builds running as another user.
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r--r--"));
            }
            return tmp;
        } catch (IOException e) {
            throw cacheWriteError(dir, e);
        }
    }

    private static String copy(InputStream in, Path tmp) throws IOException, TwoliterException {
        MessageDigest digest = newSha512();
        byte[] buffer = new byte[BUFFER];
        try (OutputStream out = Files.newOutputStream(tmp)) {
            for (int n = read(in, buffer); n != -1; n = read(in, buffer)) {
                digest.update(buffer, 0, n);
                out.write(buffer, 0, n);
            }
        } catch (SourceFailure e) {
            throw e.getCause();
        } catch (IOException e) {
            throw cacheWriteError(tmp, e);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static int read(InputStream in, byte[] buffer) throws SourceFailure {
        try {
            return in.read(buffer);
        } catch (IOException e) {
            throw new SourceFailure(e);
        }
    }

    private static String hash(Path file) throws IOException {
        MessageDigest digest = newSha512();
        byte[] buffer = new byte[BUFFER];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n = in.read(buffer); n != -1; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static MessageDigest newSha512() {
        try {
            return MessageDigest.getInstance("SHA-512");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-512", e);
        }
    }

    private static TwoliterException cacheWriteError(Path path, IOException e) {
        return new TwoliterException(ErrorCategory.FAILURE, "cannot write '" + path + "' in the repository cache: "
                + Causes.describe(e) + "; check the free space and permissions there, or use another"
                + " repository cache directory", e);
    }

    private static void deleteQuietly(Path tmp) {
        try {
            Files.deleteIfExists(tmp);
        } catch (IOException e) {
            // Only a leftover dot-file in the cache directory; the fetch result does not depend on it.
        }
    }

    /** Marks a failure to read the source, so it is not mistaken for a failure to write the cache. */
    private static final class SourceFailure extends Exception {
        private static final long serialVersionUID = 1L;

        SourceFailure(IOException cause) {
            super(cause);
        }

        @Override
        public synchronized IOException getCause() {
            return (IOException) super.getCause();
        }
    }
}
