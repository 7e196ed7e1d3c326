package pubsys.tuf;

import java.time.Instant;
import java.util.Objects;

/** When the re-signed targets, snapshot and timestamp roles expire. */
public record Expirations(Instant targets, Instant snapshot, Instant timestamp) {
    public Expirations {
        Objects.requireNonNull(targets);
        Objects.requireNonNull(snapshot);
        Objects.requireNonNull(timestamp);
    }
}
