package buildsys.cache;

import common.AtomicFiles;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The list of files a materialization wrote into a directory, one relative path a line, kept in the directory as
 * {@code .twoliter-outputs} (or {@code .twoliter-outputs-<owner>} when several actions share it). Lines that are
 * not valid output paths are ignored, so an edited manifest cannot make the materializer delete outside the
 * directory.
 */
final class OutputManifest {
    static final String NAME = ".twoliter-outputs";
    private static final String HEADER = "# files written by twoliter; they are removed when no longer produced";

    private OutputManifest() {
    }

    static Path path(Path dir, String owner) {
        return dir.resolve(owner.isEmpty() ? NAME : NAME + "-" + owner);
    }

    static SortedSet<String> read(Path manifest) throws IOException {
        SortedSet<String> paths = new TreeSet<>();
        try {
            for (String line : Files.readAllLines(manifest, StandardCharsets.UTF_8)) {
                if (!line.startsWith("#") && RelativePaths.isValid(line)) {
                    paths.add(line);
                }
            }
        } catch (NoSuchFileException e) {
            // Nothing was materialized here before.
        } catch (CharacterCodingException e) {
            // Not ours: forget it rather than guess what to delete.
        }
        return paths;
    }

    static void write(Path manifest, Collection<String> paths) throws IOException {
        StringBuilder text = new StringBuilder(HEADER).append('\n');
        new TreeSet<>(paths).forEach(path -> text.append(path).append('\n'));
        AtomicFiles.write(manifest, text.toString().getBytes(StandardCharsets.UTF_8));
    }
}
