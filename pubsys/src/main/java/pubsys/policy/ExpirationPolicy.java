package pubsys.policy;

import common.TwoliterException;
import common.toml.TomlFile;
import common.toml.TomlNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import pubsys.time.DateArgument;

/**
 * How long each signed TUF role stays valid after a repository is built or refreshed: a repo-expiration policy file
 * such as {@code policies/repo-expiration/2w-2w-1w.toml} (reference §2.3).
 */
public record ExpirationPolicy(Duration snapshot, Duration targets, Duration timestamp) {
    static final String SNAPSHOT = "snapshot_expiration";
    static final String TARGETS = "targets_expiration";
    static final String TIMESTAMP = "timestamp_expiration";
    private static final List<String> KEYS = List.of(SNAPSHOT, TARGETS, TIMESTAMP);

    public ExpirationPolicy {
        requireNonNegative(snapshot, SNAPSHOT);
        requireNonNegative(targets, TARGETS);
        requireNonNegative(timestamp, TIMESTAMP);
    }

    /** Reads a policy file; {@code displayName} is how errors name it. */
    public static ExpirationPolicy load(Path file, String displayName) throws TwoliterException {
        return parse(TomlFile.read(file, displayName));
    }

    /** All three keys are required and no other key is allowed, as upstream's deny_unknown_fields. */
    public static ExpirationPolicy parse(TomlFile file) throws TwoliterException {
        TomlNode root = file.root();
        for (String key : root.keys()) {
            if (!KEYS.contains(key)) {
                throw root.error(key, "is not a repo-expiration setting; the only keys are " + String.join(", ", KEYS));
            }
        }
        return new ExpirationPolicy(offset(root, SNAPSHOT), offset(root, TARGETS), offset(root, TIMESTAMP));
    }

    /** The expiry of each role for metadata signed at {@code now}. */
    public Expirations expirations(Instant now) {
        Objects.requireNonNull(now, "now");
        return new Expirations(now.plus(snapshot), now.plus(targets), now.plus(timestamp));
    }

    /** The expiry instants of the snapshot, targets and timestamp roles. */
    public record Expirations(Instant snapshot, Instant targets, Instant timestamp) {
        public Expirations {
            Objects.requireNonNull(snapshot, SNAPSHOT);
            Objects.requireNonNull(targets, TARGETS);
            Objects.requireNonNull(timestamp, TIMESTAMP);
        }
    }

    private static Duration offset(TomlNode root, String key) throws TwoliterException {
        String value = root.string(key);
        try {
            return DateArgument.parseOffset(value);
        } catch (TwoliterException e) {
            throw root.error(key, "is not a valid offset: " + e.getMessage());
        }
    }

    private static void requireNonNegative(Duration value, String key) {
        Objects.requireNonNull(value, key);
        if (value.isNegative()) {
            throw new IllegalArgumentException("'" + key + "' must not be negative, got " + value);
        }
    }
}
