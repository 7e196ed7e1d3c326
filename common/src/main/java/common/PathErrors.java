package common;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;

/**
 * Gives an I/O error the path it happened on. A failed stream write reports only the reason (a full disk is a bare
 * {@code IOException: No space left on device}), so writers wrap it with the file they were writing.
 */
public final class PathErrors {
    private PathErrors() {
    }

    /** {@code e} if it already names a file, else a {@link FileSystemException} for {@code file} caused by it. */
    public static IOException naming(Path file, IOException e) {
        if (e instanceof FileSystemException named && named.getFile() != null) {
            return e;
        }
        FileSystemException named = new FileSystemException(file.toString(), null,
                e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName());
        named.initCause(e);
        return named;
    }
}
