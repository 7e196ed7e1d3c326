package common;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/** Writes files that other runs trust: to a temporary file in the same directory, then an atomic rename. */
public final class AtomicFiles {
    private AtomicFiles() {
    }

    /** Readable by everyone, as files written with the usual umask (temporary files start as rw-------). */
    public static final String PUBLIC = "rw-r--r--";
    /** Only the owner may read it: private keys. */
    public static final String PRIVATE = "rw-------";

    /** Writes {@code content} with mode {@link #PUBLIC}. */
    public static void write(Path target, byte[] content) throws IOException {
        write(target, content, PUBLIC);
    }

    /**
     * Writes {@code content} with {@code permissions} (e.g. {@link #PRIVATE}), set before the file appears under
     * its name, so it is never visible with wider permissions.
     */
    public static void write(Path target, byte[] content, String permissions) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
        try {
            try {
                Files.write(tmp, content);
            } catch (IOException e) {
                throw PathErrors.naming(target, e);
            }
            if (tmp.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString(permissions));
            }
            move(tmp, target);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Renames {@code from} to {@code to}, replacing it: readers see the old file or the new one, never a part. */
    public static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            // Same directory, so this only happens on file systems without rename(2) semantics.
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
