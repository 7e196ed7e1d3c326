package buildsys.cache;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Temporary files that become trusted files by an atomic rename. They are named {@code .<name>.<random>.tmp}, as
 * {@link common.AtomicFiles} names its own, so a reader that looks files up by their final name never sees one, and
 * one left behind by a killed process can be recognised and removed.
 */
final class TempFiles {
    /** A temporary file this old belongs to a process that died; a live writer touches its file far more often. */
    static final Duration STALE_AFTER = Duration.ofDays(1);

    private TempFiles() {
    }

    /** A new empty temporary file in the directory of {@code target}, named after it. */
    static Path besides(Path target) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        return Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
    }

    static boolean isTemp(Path file) {
        String name = file.getFileName().toString();
        return name.startsWith(".") && name.endsWith(".tmp");
    }

    /** Renames {@code from} to {@code to}, replacing it: readers see the old file or the new one, never a part. */
    static void moveAtomically(Path from, Path to) throws IOException {
        common.AtomicFiles.move(from, to);
    }

    /** Deletes temporary files under {@code root} last modified before {@code now - STALE_AFTER}; returns how many. */
    static int removeStale(Path root, Instant now) throws IOException {
        if (!Files.isDirectory(root)) {
            return 0;
        }
        Instant cutoff = now.minus(STALE_AFTER);
        AtomicInteger removed = new AtomicInteger();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                if (attrs.isRegularFile() && isTemp(file) && attrs.lastModifiedTime().toInstant().isBefore(cutoff)
                        && Files.deleteIfExists(file)) {
                    removed.incrementAndGet();
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                // Another process renamed or removed it while we walked: nothing to clean.
                return FileVisitResult.CONTINUE;
            }
        });
        return removed.get();
    }
}
