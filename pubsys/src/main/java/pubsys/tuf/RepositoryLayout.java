package pubsys.tuf;

import java.nio.file.Path;
import java.util.Objects;

/** Where a repository's metadata and target files live (pubsys keeps them in separate trees). */
public record RepositoryLayout(Path metadataDir, Path targetsDir) {
    public RepositoryLayout {
        Objects.requireNonNull(metadataDir);
        Objects.requireNonNull(targetsDir);
    }

    /** {@code dir/metadata} and {@code dir/targets}. */
    public static RepositoryLayout under(Path dir) {
        return new RepositoryLayout(dir.resolve("metadata"), dir.resolve("targets"));
    }

    Path metadata(Role role, long version, boolean consistent) {
        // timestamp.json is never versioned in its name (§4.1).
        String name = role.jsonName() + ".json";
        return metadataDir.resolve(consistent && role != Role.TIMESTAMP ? version + "." + name : name);
    }

    Path target(String name, String sha256, boolean consistent) {
        return targetsDir.resolve(consistent ? sha256 + "." + name : name);
    }
}
