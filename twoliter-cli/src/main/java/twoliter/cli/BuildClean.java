package twoliter.cli;

import common.ErrorCategory;
import common.TwoliterException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Removes build output directories. Never needed for correctness (outputs follow their inputs); it frees disk.
 * The machine-wide cache is left alone, so a later build restores outputs from it.
 */
final class BuildClean {
    /** Everything {@code build clean} removes: upstream's clean tasks, plus our scratch directory. */
    static final List<String> ALL = List.of("rpms", "kits", "external-kits", "images", "logs", "repos", "state",
            "metadata", "tools", "tmp");

    private BuildClean() {
    }

    static void remove(Path projectRoot, String buildSubdir) throws TwoliterException {
        Path dir = projectRoot.resolve("build").resolve(buildSubdir);
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new TwoliterException(ErrorCategory.FAILURE, "cannot remove '" + dir + "': " + e.getMessage());
        }
    }
}
