package buildsys.manifest;

import java.util.Objects;

/** A {@code name = { path = "..." }} entry of {@code [build-dependencies]} or {@code [dependencies]}. */
public record PathDependency(String name, String path, Label target, DependencyKind kind) {
    public PathDependency {
        Objects.requireNonNull(name);
        Objects.requireNonNull(path);
        Objects.requireNonNull(target);
        Objects.requireNonNull(kind);
    }
}
