package buildsys.plan;

import common.TwoliterException;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Decides which files of one project (the main one or a composed repository) an action reads, and digests them.
 * Paths are relative to that project's root.
 */
final class InputCollector {
    /** Names upstream skips when it watches source groups (buildsys.md §3.4). */
    private static final Set<String> PRUNED = Set.of("target", "vendor", "README.md");

    private final Path root;
    private final boolean main;
    private final InputDigests digests;

    /** {@code main}: the project being built, whose files messages name relative to its root. */
    InputCollector(Path root, boolean main) {
        this.root = root;
        this.main = main;
        this.digests = new InputDigests(root);
    }

    Path root() {
        return root;
    }

    /** How messages name a file: relative for the main project, in full for a composed repository's. */
    String display(String path) {
        return main ? path : root.resolve(path).toString();
    }

    boolean isDirectory(String dir) {
        return Files.isDirectory(root.resolve(dir));
    }

    boolean isFile(String path) {
        return Files.isRegularFile(root.resolve(path));
    }

    /** The regular, non-hidden files directly in {@code dir}, minus the excluded names, sorted by path. */
    List<InputFile> topLevelFiles(String dir, Set<String> excludedNames) throws TwoliterException {
        List<String> paths = new ArrayList<>();
        try (Stream<Path> children = Files.list(root.resolve(dir))) {
            for (Path child : (Iterable<Path>) children::iterator) {
                String name = child.getFileName().toString();
                if (!name.startsWith(".") && !excludedNames.contains(name) && Files.isRegularFile(child)) {
                    paths.add(dir + "/" + name);
                }
            }
        } catch (IOException e) {
            throw TwoliterException.badInput("cannot list '" + dir + "': " + e.getMessage());
        }
        return digestAll(paths);
    }

    /** Every regular file beneath {@code dir}, hidden ones included, sorted by path. */
    List<InputFile> tree(String dir) throws TwoliterException {
        return digestAll(walk(dir, false));
    }

    /** The files of a source group, skipping hidden entries and target/, vendor/ and README.md as upstream does. */
    List<InputFile> sourceGroup(String dir) throws TwoliterException {
        return digestAll(walk(dir, true));
    }

    private List<String> walk(String dir, boolean prune) throws TwoliterException {
        List<String> paths = new ArrayList<>();
        Path start = root.resolve(dir);
        try {
            Files.walkFileTree(start, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
                    return !d.equals(start) && prune && isPruned(d) ? FileVisitResult.SKIP_SUBTREE
                            : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (attrs.isRegularFile() && !(prune && isPruned(file))) {
                        paths.add(root.relativize(file).toString());
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw TwoliterException.badInput("cannot read '" + dir + "': " + e.getMessage());
        }
        return paths;
    }

    private static boolean isPruned(Path path) {
        String name = path.getFileName().toString();
        return name.startsWith(".") || PRUNED.contains(name);
    }

    private List<InputFile> digestAll(List<String> paths) throws TwoliterException {
        paths.sort(String::compareTo);
        List<InputFile> inputs = new ArrayList<>(paths.size());
        for (String path : paths) {
            inputs.add(digests.of(path));
        }
        return inputs;
    }
}
