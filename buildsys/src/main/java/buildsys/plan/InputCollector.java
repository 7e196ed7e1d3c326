package buildsys.plan;

import common.TwoliterException;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
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
 *
 * <p>Links: the directories inputs come from (a package, a source group, the SDK recipe, a kit, a variant) must be
 * real directories, not links. A link among the files is followed, as the file it points to, only when its target
 * stays inside the directory the inputs come from, or for source groups and variants the directory holding them
 * (upstream mounts all of {@code sources/} into package builds, and its settings-defaults group links to
 * {@code sources/shared-defaults/}; its vmware variants link {@code template.ovf} to {@code variants/shared/}). Any
 * other link is refused at plan time, whatever it points to, so a cloned project cannot copy a host file
 * ({@code -> /etc/shadow}) into a build, its RPMs or the shared cache. Links to directories are not followed;
 * dangling links are no input.
 */
final class InputCollector {
    /** Names upstream skips when it watches source groups (buildsys.md §3.4). */
    private static final Set<String> PRUNED = Set.of("target", "vendor", "README.md");

    private final Path root;
    private final boolean main;
    private final InputDigests digests;
    private Path realRoot;

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
        return topLevelFiles(dir, excludedNames, dir);
    }

    /** As above, with links allowed to reach files anywhere inside {@code boundary}, a parent of {@code dir}. */
    List<InputFile> topLevelFiles(String dir, Set<String> excludedNames, String boundary) throws TwoliterException {
        realDirectory(dir);
        Path inside = realDirectory(boundary);
        List<String> paths = new ArrayList<>();
        try (Stream<Path> children = Files.list(root.resolve(dir))) {
            for (Path child : (Iterable<Path>) children::iterator) {
                String name = child.getFileName().toString();
                if (name.startsWith(".") || excludedNames.contains(name)) {
                    continue;
                }
                boolean file = Files.isSymbolicLink(child) ? followable(child, inside, boundary)
                        : Files.isRegularFile(child, LinkOption.NOFOLLOW_LINKS);
                if (file) {
                    paths.add(dir + "/" + name);
                }
            }
        } catch (RefusedLink e) {
            throw e.refusal;
        } catch (IOException e) {
            throw TwoliterException.badInput("cannot list '" + dir + "': " + e.getMessage());
        }
        return digestAll(paths);
    }

    /** Every regular file beneath {@code dir}, hidden ones included, sorted by path. */
    List<InputFile> tree(String dir) throws TwoliterException {
        return digestAll(walk(dir, false, dir));
    }

    /**
     * The files of a source group, skipping hidden entries and target/, vendor/ and README.md as upstream does. Its
     * links may reach files anywhere in {@code boundary}, a parent of {@code dir}.
     */
    List<InputFile> sourceGroup(String dir, String boundary) throws TwoliterException {
        return digestAll(walk(dir, true, boundary));
    }

    private List<String> walk(String dir, boolean prune, String boundary) throws TwoliterException {
        realDirectory(dir);
        Path inside = realDirectory(boundary);
        List<String> paths = new ArrayList<>();
        Path start = root.resolve(dir);
        try {
            // Not following links: each one is checked by followable() instead.
            Files.walkFileTree(start, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
                    return !d.equals(start) && prune && isPruned(d) ? FileVisitResult.SKIP_SUBTREE
                            : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    if (prune && isPruned(file)) {
                        return FileVisitResult.CONTINUE;
                    }
                    if (attrs.isSymbolicLink() ? followable(file, inside, boundary) : attrs.isRegularFile()) {
                        paths.add(root.relativize(file).toString());
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (RefusedLink e) {
            throw e.refusal;
        } catch (IOException e) {
            throw TwoliterException.badInput("cannot read '" + dir + "': " + e.getMessage());
        }
        return paths;
    }

    /**
     * Whether a link is an input file: its target is a regular file inside {@code inside}. A link whose target is
     * outside it is refused, naming both; a dangling link is not an input.
     */
    private boolean followable(Path link, Path inside, String boundary) throws RefusedLink {
        Path target;
        try {
            target = link.toRealPath();
        } catch (NoSuchFileException e) {
            return false;
        } catch (IOException e) {
            throw new RefusedLink(TwoliterException.badInput("cannot follow the link '"
                    + display(root.relativize(link).toString()) + "': " + e.getMessage()));
        }
        if (!target.startsWith(inside)) {
            String written;
            try {
                written = Files.readSymbolicLink(link).toString();
            } catch (IOException e) {
                written = target.toString();
            }
            throw new RefusedLink(TwoliterException.badInput("'" + display(root.relativize(link).toString())
                    + "' is a link to '" + written + "'" + (written.equals(target.toString()) ? ""
                    : " ('" + target + "')") + ", outside " + (boundary.isEmpty() ? "the project"
                    : "'" + display(boundary) + "'") + "; a build reads no file from outside its own directory:"
                    + " copy the file there instead of linking to it"));
        }
        return Files.isRegularFile(target);
    }

    /**
     * The real path of a directory inputs come from, which must be the directory itself: not a link, and not
     * under one (a package directory linked to {@code /etc} would make {@code /etc} a package).
     */
    private Path realDirectory(String dir) throws TwoliterException {
        try {
            if (realRoot == null) {
                realRoot = root.toRealPath();
            }
            Path expected = dir.isEmpty() ? realRoot : realRoot.resolve(dir).normalize();
            Path real = root.resolve(dir).toRealPath();
            if (!real.equals(expected)) {
                throw TwoliterException.badInput("'" + display(dir) + "' is a link to '" + real + "'; directories"
                        + " that hold build inputs must be real directories inside the project: move the"
                        + " files there instead of linking to them");
            }
            return real;
        } catch (IOException e) {
            throw TwoliterException.badInput("cannot read '" + display(dir) + "': " + e.getMessage());
        }
    }

    /** Carries a refusal out of a file visitor, whose methods may throw only IOException. */
    private static final class RefusedLink extends IOException {
        private static final long serialVersionUID = 1L;
        private final transient TwoliterException refusal;

        RefusedLink(TwoliterException refusal) {
            super(refusal.getMessage());
            this.refusal = refusal;
        }
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
