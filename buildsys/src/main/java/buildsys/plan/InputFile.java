package buildsys.plan;

import java.util.Objects;

/**
 * A file an action reads: its path relative to the project root, the SHA-256 of its content and whether it is
 * executable. The same list decides the action key and (when actions run) what is copied into the container.
 */
public record InputFile(String path, String sha256, boolean executable) {
    public InputFile {
        Objects.requireNonNull(path);
        Objects.requireNonNull(sha256);
    }
}
