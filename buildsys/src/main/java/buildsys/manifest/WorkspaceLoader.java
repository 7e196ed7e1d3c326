package buildsys.manifest;

import common.TwoliterException;
import common.toml.TomlFile;
import common.toml.TomlNode;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/** Finds the workspace manifest, expands its members and follows path dependencies (twoliter-cli.md §2.11). */
final class WorkspaceLoader {
    private static final String ROOT_MANIFEST = "Cargo.toml";
    private static final String LEGACY_MANIFEST = "variants/Cargo.toml";

    private final Path root;
    private final String repository;
    private final List<String> warnings = new ArrayList<>();

    WorkspaceLoader(Path root, String repository) {
        this.root = root;
        this.repository = repository;
    }

    Workspace load() throws TwoliterException {
        String manifestFile = workspaceManifest();
        String shown = ManifestReader.display(root, repository, manifestFile);
        TomlNode workspace = TomlFile.read(root.resolve(manifestFile), shown).root().optTable("workspace")
                .orElseThrow(() -> TwoliterException.badInput(shown + " has no [workspace] table; list the"
                        + " packages, kits and variants as [workspace] members = [\"packages/*\", ...]"));
        String base = manifestFile.equals(ROOT_MANIFEST) ? "" : "variants";
        List<String> excluded = new ArrayList<>();
        for (String exclude : workspace.optStringList("exclude").orElse(List.of())) {
            excluded.add(join(base, exclude));
        }
        TreeSet<String> members = new TreeSet<>();
        for (String pattern : workspace.optStringList("members").orElse(List.of())) {
            List<String> dirs = expand(join(base, pattern));
            if (dirs.isEmpty() && !hasGlob(pattern)) {
                throw workspace.error("members", "lists '" + pattern + "', which does not exist; fix or remove it");
            }
            for (String dir : dirs) {
                if (excluded.stream().noneMatch(e -> dir.equals(e) || dir.startsWith(e + "/"))) {
                    if (!ManifestReader.hasManifest(root, dir)) {
                        throw workspace.error("members", "matches '" + dir + "' (from '" + pattern + "'), which has"
                                + " no Cargo.toml; add one or list the directory under 'exclude'");
                    }
                    members.add(dir);
                }
            }
        }
        return new Workspace(root, readAll(members), warnings, new TreeMap<>());
    }

    private String workspaceManifest() throws TwoliterException {
        boolean rootExists = Files.isRegularFile(root.resolve(ROOT_MANIFEST));
        boolean legacyExists = Files.isRegularFile(root.resolve(LEGACY_MANIFEST))
                && isWorkspace(root.resolve(LEGACY_MANIFEST));
        if (rootExists && legacyExists) {
            throw TwoliterException.badInput("both Cargo.toml and variants/Cargo.toml define a workspace; keep the"
                    + " root Cargo.toml and delete the [workspace] of variants/Cargo.toml");
        }
        if (legacyExists) {
            warnings.add("the workspace is defined in variants/Cargo.toml, an old layout; move it to Cargo.toml at"
                    + " the project root");
            return LEGACY_MANIFEST;
        }
        if (!rootExists) {
            throw TwoliterException.badInput("the project at '" + root + "' has no Cargo.toml; create one with a"
                    + " [workspace] whose members are the packages, kits and variants");
        }
        return ROOT_MANIFEST;
    }

    private static boolean isWorkspace(Path manifest) {
        try {
            return Files.readAllLines(manifest).stream().anyMatch(line -> line.strip().equals("[workspace]"));
        } catch (IOException e) {
            return false;
        }
    }

    /** Reads the members, then every manifest their path dependencies reach. */
    private SortedMap<Label, Manifest> readAll(TreeSet<String> members) throws TwoliterException {
        ManifestReader reader = new ManifestReader(root, repository, warnings);
        SortedMap<Label, Manifest> manifests = new TreeMap<>();
        Deque<String> pending = new ArrayDeque<>(members);
        while (!pending.isEmpty()) {
            String dir = pending.removeFirst();
            if (manifests.containsKey(new Label(repository, dir))) {
                continue;
            }
            Manifest manifest = reader.read(dir);
            manifests.put(manifest.label(), manifest);
            for (PathDependency dep : manifest.dependencies()) {
                String target = dep.target().dir();
                if (!ManifestReader.hasManifest(root, target)) {
                    throw TwoliterException.badInput("'" + manifest.file() + "' depends on '" + target
                            + "/Cargo.toml' (" + dep.name() + " = { path = \"" + dep.path() + "\" } in ["
                            + section(dep) + "]), which does not exist; fix the path or remove the dependency");
                }
                pending.addLast(target);
            }
        }
        return manifests;
    }

    private static String section(PathDependency dep) {
        return dep.kind() == DependencyKind.BUILD ? "build-dependencies" : "dependencies";
    }

    /** Expands a member pattern ({@code packages/*}) into existing directories, sorted. */
    private List<String> expand(String pattern) throws TwoliterException {
        List<String> found = new ArrayList<>();
        expandFrom("", List.of(pattern.split("/")), found);
        found.sort(String::compareTo);
        return found;
    }

    private void expandFrom(String prefix, List<String> segments, List<String> out) throws TwoliterException {
        if (segments.isEmpty()) {
            if (!prefix.isEmpty()) {
                out.add(prefix);
            }
            return;
        }
        String segment = segments.get(0);
        List<String> rest = segments.subList(1, segments.size());
        Path dir = prefix.isEmpty() ? root : root.resolve(prefix);
        if (!hasGlob(segment)) {
            Optional<String> next = ManifestReader.resolve(prefix.isEmpty() ? "." : prefix, segment);
            if (next.isPresent() && Files.isDirectory(root.resolve(next.get()))) {
                expandFrom(next.get().equals(".") ? "" : next.get(), rest, out);
            }
            return;
        }
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + segment);
        try (DirectoryStream<Path> children = Files.newDirectoryStream(dir, Files::isDirectory)) {
            for (Path child : children) {
                String name = child.getFileName().toString();
                if (!name.startsWith(".") && matcher.matches(child.getFileName())) {
                    expandFrom(join(prefix, name), rest, out);
                }
            }
        } catch (IOException e) {
            throw TwoliterException.badInput("cannot list '" + dir + "' while expanding workspace members: "
                    + e.getMessage());
        }
    }

    private static boolean hasGlob(String pattern) {
        return pattern.contains("*") || pattern.contains("?") || pattern.contains("[");
    }

    private static String join(String base, String path) {
        if (base.isEmpty()) {
            return ManifestReader.resolve(".", path).orElse(path);
        }
        return ManifestReader.resolve(base, path).orElse(path);
    }
}
