package pubsys.policy;

import common.TwoliterException;
import common.toml.TomlFile;
import common.toml.TomlNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import pubsys.time.DateArgument;
import pubsys.time.TimeLimits;

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

    /**
     * The expiry of each role for a release starting at {@code start} and signed at {@code now}: each must lie after
     * {@code now}, or clients would refuse the metadata at once, and render as a 4-digit-year RFC 3339 date.
     */
    public Expirations expirations(Instant start, Instant now) throws TwoliterException {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(now, "now");
        return new Expirations(expiry("snapshot", SNAPSHOT, start, snapshot),
                expiry("targets", TARGETS, start, targets), expiry("timestamp", TIMESTAMP, start, timestamp));
    }

    /**
     * One warning per role whose metadata would be expired when it is signed at {@code now}. Offsets are above zero,
     * so only a release start far enough back (an explicit RELEASE_START_TIME) does that; upstream writes such
     * metadata without a word, and it is useful only to exercise expiry handling, so it is allowed, loudly.
     */
    public List<String> expiredAtSigning(Instant start, Instant now) throws TwoliterException {
        Expirations expires = expirations(start, now);
        List<String> warnings = new ArrayList<>();
        Map<String, Instant> byRole = new LinkedHashMap<>();
        byRole.put("snapshot", expires.snapshot());
        byRole.put("targets", expires.targets());
        byRole.put("timestamp", expires.timestamp());
        byRole.forEach((role, at) -> {
            if (!at.isAfter(now)) {
                warnings.add("the " + role + " metadata expires at " + at + " (start " + start + "), before it is"
                        + " signed at " + now + ": clients will refuse this repo; use a later RELEASE_START_TIME"
                        + " unless that is what you want");
            }
        });
        return warnings;
    }

    private static Instant expiry(String role, String key, Instant start, Duration offset) throws TwoliterException {
        Instant expires = start.plus(offset);
        String how = "(start " + start + " plus " + key + " " + TimeLimits.describe(offset) + ")";
        TimeLimits.requireDate(expires, "the " + role + " metadata expiry " + how);
        return expires;
    }

    /** The expiry instants of the snapshot, targets and timestamp roles. */
    public record Expirations(Instant snapshot, Instant targets, Instant timestamp) {
        public Expirations {
            Objects.requireNonNull(snapshot, SNAPSHOT);
            Objects.requireNonNull(targets, TARGETS);
            Objects.requireNonNull(timestamp, TIMESTAMP);
        }
    }

    /** An offset greater than zero (metadata must outlive its signing) and at most {@link TimeLimits#MAX_OFFSET}. */
    private static Duration offset(TomlNode root, String key) throws TwoliterException {
        String value = root.string(key);
        Duration offset;
        try {
            offset = DateArgument.parseOffset(value);
        } catch (TwoliterException e) {
            throw root.error(key, "is not a valid offset: " + e.getMessage());
        }
        if (offset.isZero()) {
            throw root.error(key, "is '" + value + "': the metadata would be expired when it is signed; use a"
                    + " positive offset such as '1 week'");
        }
        if (!TimeLimits.withinMaxOffset(offset)) {
            throw root.error(key, "is '" + value + "', " + TimeLimits.overMaxOffset() + "; use a shorter offset"
                    + " such as '2 weeks'");
        }
        return offset;
    }

    private static void requireNonNegative(Duration value, String key) {
        Objects.requireNonNull(value, key);
        if (value.isNegative()) {
            throw new IllegalArgumentException("'" + key + "' must not be negative, got " + value);
        }
    }
}
