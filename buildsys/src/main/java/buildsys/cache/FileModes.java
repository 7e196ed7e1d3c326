package buildsys.cache;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/** The executable bit of outputs, read and written the same way on every file system Java can describe. */
final class FileModes {
    private static final Set<PosixFilePermission> REGULAR = PosixFilePermissions.fromString("rw-r--r--");
    private static final Set<PosixFilePermission> EXECUTABLE = PosixFilePermissions.fromString("rwxr-xr-x");

    private FileModes() {
    }

    static boolean isExecutable(Path file) throws IOException {
        if (isPosix(file)) {
            return Files.getPosixFilePermissions(file).contains(PosixFilePermission.OWNER_EXECUTE);
        }
        return Files.isExecutable(file);
    }

    /**
     * Gives a materialized file the usual modes (0644 or 0755): the temporary file it was written to is 0600, and
     * the outputs of a build are meant to be read by others, as the files rpmbuild writes are.
     */
    static void set(Path file, boolean executable) throws IOException {
        if (isPosix(file)) {
            Files.setPosixFilePermissions(file, executable ? EXECUTABLE : REGULAR);
        } else if (!file.toFile().setExecutable(executable)) {
            throw new IOException("cannot set the executable bit of '" + file + "'");
        }
    }

    private static boolean isPosix(Path file) {
        return Files.getFileAttributeView(file, PosixFileAttributeView.class) != null;
    }
}
