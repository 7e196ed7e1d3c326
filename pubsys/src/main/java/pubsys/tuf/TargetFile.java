package pubsys.tuf;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.Objects;

/** A file to publish as target {@code name}, with optional {@code custom} metadata (null or empty: none). */
public record TargetFile(String name, Path path, ObjectNode custom) {
    public TargetFile {
        Objects.requireNonNull(path);
        // Names become file names next to their hash; keep them to one plain path segment.
        if (name == null || name.isEmpty() || name.contains("/") || name.contains("\\") || name.equals("..")
                || name.equals(".")) {
            throw new IllegalArgumentException("target name must be a plain file name, got '" + name + "'");
        }
        custom = custom == null ? null : custom.deepCopy();
    }
}
