package buildsys.exec;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Explains an action that failed because a disk filled up: which file was being written and whether that is the
 * cache root or the project's build directory, and what to do. The JDK reports the errno text; Docker's own
 * (lower-case) errors about the engine's disk are not {@link IOException}s and are left as they are.
 */
final class DiskFull {
    private static final String[] REASONS = {"No space left on device", "Disk quota exceeded"};

    private DiskFull() {
    }

    /** The explanation, when {@code failure} is a full disk or quota; {@code what} names the action. */
    static Optional<String> explain(Throwable failure, String what, Path cacheRoot, Path buildDir) {
        Optional<String> reason = Optional.empty();
        Optional<Path> file = Optional.empty();
        int depth = 0;
        for (Throwable t = failure; t != null && depth < 20; t = t.getCause(), depth++) {
            if (t instanceof FileSystemException fs && fs.getFile() != null && file.isEmpty()) {
                file = Optional.of(Path.of(fs.getFile()).toAbsolutePath().normalize());
            }
            if (t instanceof IOException && reason.isEmpty()) {
                reason = reasonOf(t instanceof FileSystemException fs ? fs.getReason() : t.getMessage());
            }
        }
        if (reason.isEmpty()) {
            return Optional.empty();
        }
        Path cache = cacheRoot.toAbsolutePath().normalize();
        Path build = buildDir.toAbsolutePath().normalize();
        String where;
        if (file.isEmpty()) {
            where = "while writing to the cache root '" + cache + "' or the project's build directory '" + build
                    + "'; free space on whichever is full ('df' on both)";
        } else if (file.get().startsWith(cache)) {
            where = "writing '" + file.get() + "' in the cache root '" + cache + "'; free space there, or point"
                    + " TWOLITER_CACHE_DIR (or --cache-dir) at a larger file system";
        } else if (file.get().startsWith(build)) {
            where = "writing '" + file.get() + "' in the project's build directory '" + build + "'; free space"
                    + " there ('twoliter build clean' removes the build outputs)";
        } else {
            where = "writing '" + file.get() + "'; free space there";
        }
        return Optional.of(what + " failed: the disk is full (" + reason.get() + ") " + where + ". Cached results"
                + " stay valid: run the build again once there is room");
    }

    private static Optional<String> reasonOf(String message) {
        if (message != null) {
            for (String reason : REASONS) {
                if (message.contains(reason)) {
                    return Optional.of(reason);
                }
            }
        }
        return Optional.empty();
    }
}
