package pubsys.tuf;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link RepositoryWriter} writes: the trusted root file, the signing keys, an optional repository to extend,
 * the targets to add, the version given to targets/snapshot/timestamp (pubsys uses Unix seconds), their expirations
 * and where to write.
 */
public record WriteRequest(Path rootJson, List<Signer> signers, Optional<LoadedRepository> base,
                           List<TargetFile> targets, long version, Expirations expirations, RepositoryLayout out) {
    public WriteRequest {
        Objects.requireNonNull(rootJson);
        signers = List.copyOf(signers);
        Objects.requireNonNull(base);
        targets = List.copyOf(targets);
        Objects.requireNonNull(expirations);
        Objects.requireNonNull(out);
        if (version < 1) {
            throw new IllegalArgumentException("metadata version must be at least 1, got " + version);
        }
    }
}
