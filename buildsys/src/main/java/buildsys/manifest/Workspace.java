package buildsys.manifest;

import common.TwoliterException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Every manifest of a project: the members of the root Cargo.toml workspace plus whatever they reach through path
 * dependencies. Immutable once loaded.
 *
 * @param warnings things upstream accepts silently that the user should know about
 */
public record Workspace(Path root, SortedMap<Label, Manifest> manifests, List<String> warnings) {
    public Workspace {
        Objects.requireNonNull(root);
        manifests = Collections.unmodifiableSortedMap(new TreeMap<>(manifests));
        warnings = List.copyOf(warnings);
    }

    /** Loads the workspace of the project whose root directory (the one holding Twoliter.toml) is given. */
    public static Workspace load(Path root) throws TwoliterException {
        return new WorkspaceLoader(root).load();
    }

    public Optional<Manifest> manifest(Label label) {
        return Optional.ofNullable(manifests.get(label));
    }
}
