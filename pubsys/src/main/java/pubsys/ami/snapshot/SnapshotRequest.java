package pubsys.ami.snapshot;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * One image to turn into an EBS snapshot: the file (raw or {@code .lz4}), the snapshot description (upstream: the
 * file name) and tags that identify the run.
 */
public record SnapshotRequest(Path image, String description, Map<String, String> tags) {
    public SnapshotRequest {
        Objects.requireNonNull(image);
        Objects.requireNonNull(description);
        tags = Map.copyOf(tags);
    }
}
