package buildsys.cache;

import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Puts the outputs of an executed or cached action in their final directory (for example {@code build/rpms/glibc}),
 * and removes the files an earlier materialization of the same action put there that this result no longer has.
 * Files it did not write are left alone: what it wrote is listed in a manifest file in the directory.
 */
public final class OutputMaterializer {
    private static final Pattern OWNER = Pattern.compile("[A-Za-z0-9._-]*");

    private final ContentStore store;

    public OutputMaterializer(ContentStore store) {
        this.store = Objects.requireNonNull(store);
    }

    /** Materializes {@code result} into {@code targetDir}, the only action writing there. */
    public void materialize(ActionResult result, Path targetDir) throws IOException, CorruptObjectException {
        materialize(result, targetDir, "");
    }

    /**
     * Materializes {@code result} into {@code targetDir}, which several actions may share: {@code owner} (such as
     * the arch, for the rpms of both arches in one directory) tells their manifests apart, so one never removes the
     * files of another.
     */
    public void materialize(ActionResult result, Path targetDir, String owner)
            throws IOException, CorruptObjectException {
        if (!OWNER.matcher(owner).matches()) {
            throw new IllegalArgumentException("owner '" + owner + "' may only hold letters, digits, '.', '_', '-'");
        }
        Path dir = targetDir.toAbsolutePath().normalize();
        Files.createDirectories(dir);
        Path manifest = OutputManifest.path(dir, owner);
        SortedSet<String> previous = OutputManifest.read(manifest);
        SortedSet<String> current = new TreeSet<>();
        result.outputs().forEach(output -> current.add(output.path()));
        if (current.stream().anyMatch(path -> path.startsWith(OutputManifest.NAME))) {
            throw new IllegalArgumentException("an output of the action is named like the manifest '"
                    + OutputManifest.NAME + "' in '" + dir + "'; rename the output");
        }
        if (!previous.containsAll(current)) {
            // List the new files before writing them: if this process dies half-way, the next run still knows them.
            SortedSet<String> both = new TreeSet<>(previous);
            both.addAll(current);
            OutputManifest.write(manifest, both);
        }
        Path stampFile = OutputStamps.path(manifest);
        OutputStamps before = OutputStamps.read(stampFile);
        OutputStamps after = OutputStamps.empty();
        for (OutputFile output : result.outputs()) {
            Path target = inside(dir, output.path());
            if (!before.isCurrent(output, target)) {
                store.materialize(output, target);
            }
            after.record(output, target);
        }
        after.write(stampFile);
        removeStale(dir, previous, current);
        if (!previous.equals(current) || !Files.exists(manifest)) {
            OutputManifest.write(manifest, current);
        }
    }

    private static void removeStale(Path dir, Set<String> previous, Set<String> current) throws IOException {
        for (String path : previous) {
            if (current.contains(path)) {
                continue;
            }
            Path file = inside(dir, path);
            if (!Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)) {
                Files.deleteIfExists(file);
                removeEmptyParents(dir, file.getParent());
            }
        }
    }

    /** Removes the directories that held only removed outputs, up to (not including) {@code dir}. */
    private static void removeEmptyParents(Path dir, Path parent) throws IOException {
        for (Path at = parent; at != null && at.startsWith(dir) && !at.equals(dir); at = at.getParent()) {
            try {
                Files.delete(at);
            } catch (DirectoryNotEmptyException e) {
                return;
            } catch (NoSuchFileException e) {
                // Already gone; look at its parent.
            }
        }
    }

    private static Path inside(Path dir, String relativePath) {
        Path resolved = dir.resolve(RelativePaths.check(relativePath)).normalize();
        if (!resolved.startsWith(dir) || resolved.equals(dir)) {
            throw new IllegalArgumentException("output path '" + relativePath + "' leaves '" + dir + "'");
        }
        return resolved;
    }
}
