package buildsys.manifest;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Another twoliter project whose manifests are loaded into this build under a repository name, so that its targets
 * are {@code @name//...} and never clash with the main project's (a kit built from source, issue 12 item 3).
 *
 * @param root the other project's root directory (the one holding its Twoliter.toml and Cargo.toml)
 */
public record Repository(String name, Path root) {
    public Repository {
        Objects.requireNonNull(name);
        Objects.requireNonNull(root);
        if (!Label.isRepositoryName(name)) {
            throw new IllegalArgumentException("repository name must be letters, digits, '.', '_' and '-': '"
                    + name + "'");
        }
    }
}
