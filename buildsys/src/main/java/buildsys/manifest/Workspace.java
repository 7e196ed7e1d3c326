package buildsys.manifest;

import common.TwoliterException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Every manifest of a project: the members of the root Cargo.toml workspace plus whatever they reach through path
 * dependencies, and those of the other projects composed into the build ({@link Repository}), whose labels carry
 * their repository name. Immutable once loaded.
 *
 * @param root the main project's root directory
 * @param warnings things upstream accepts silently that the user should know about
 * @param repositories the root directory of each composed repository, by name
 */
public record Workspace(Path root, SortedMap<Label, Manifest> manifests, List<String> warnings,
                        SortedMap<String, Path> repositories) {
    public Workspace {
        Objects.requireNonNull(root);
        manifests = Collections.unmodifiableSortedMap(new TreeMap<>(manifests));
        warnings = List.copyOf(warnings);
        repositories = Collections.unmodifiableSortedMap(new TreeMap<>(repositories));
    }

    /** Loads the workspace of the project whose root directory (the one holding Twoliter.toml) is given. */
    public static Workspace load(Path root) throws TwoliterException {
        return load(root, List.of());
    }

    /** Loads the project at {@code root} and, each under its repository name, the other projects given. */
    public static Workspace load(Path root, List<Repository> composed) throws TwoliterException {
        Workspace main = new WorkspaceLoader(root, Label.MAIN).load();
        SortedMap<Label, Manifest> manifests = new TreeMap<>(main.manifests());
        List<String> warnings = new ArrayList<>(main.warnings());
        SortedMap<String, Path> roots = new TreeMap<>();
        for (Repository repository : composed) {
            if (roots.putIfAbsent(repository.name(), repository.root()) != null) {
                throw new IllegalArgumentException("repository '" + repository.name() + "' given twice");
            }
            Workspace other = new WorkspaceLoader(repository.root(), repository.name()).load();
            manifests.putAll(other.manifests());
            warnings.addAll(other.warnings());
        }
        return new Workspace(root, manifests, warnings, roots);
    }

    public Optional<Manifest> manifest(Label label) {
        return Optional.ofNullable(manifests.get(label));
    }

    /** The root directory of the project a target belongs to: its files are relative to it. */
    public Path rootOf(Label label) {
        return rootOf(label.repository());
    }

    /** The root directory of a repository; {@link Label#MAIN} is the project being built. */
    public Path rootOf(String repository) {
        if (repository.isEmpty()) {
            return root;
        }
        Path other = repositories.get(repository);
        if (other == null) {
            throw new IllegalArgumentException("no repository '" + repository + "'");
        }
        return other;
    }
}
