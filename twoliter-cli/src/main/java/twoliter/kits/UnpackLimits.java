package twoliter.kits;

import common.TwoliterException;
import java.util.Map;

/**
 * The most one kit (all layers of one architecture) or one kit archive may unpack to: bytes actually written and
 * entries. Tar headers can lie about sizes, so {@link SafeUntar} counts what it writes (issue 13 item 5).
 */
public record UnpackLimits(long maxBytes, long maxEntries) {
    public static final String BYTES_VARIABLE = "TWOLITER_MAX_KIT_UNPACKED_BYTES";
    public static final String ENTRIES_VARIABLE = "TWOLITER_MAX_KIT_ENTRIES";
    /** 16 GiB and a million entries: several times the largest Bottlerocket kit (a few GiB, ~10,000 files). */
    public static final UnpackLimits DEFAULT = new UnpackLimits(16L << 30, 1_000_000);

    public UnpackLimits {
        if (maxBytes <= 0 || maxEntries <= 0) {
            throw new IllegalArgumentException("unpack limits must be positive, got " + maxBytes + " bytes and "
                    + maxEntries + " entries");
        }
    }

    /** The defaults, each replaced by its environment variable when set. */
    public static UnpackLimits fromEnvironment(Map<String, String> env) throws TwoliterException {
        return new UnpackLimits(positive(env, BYTES_VARIABLE, DEFAULT.maxBytes),
                positive(env, ENTRIES_VARIABLE, DEFAULT.maxEntries));
    }

    /** A fresh count for one kit or archive. */
    Budget budget() {
        return new Budget(this);
    }

    private static long positive(Map<String, String> env, String variable, long fallback)
            throws TwoliterException {
        String value = env.get(variable);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            long parsed = Long.parseLong(value.strip());
            if (parsed > 0) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // Reported below with the value.
        }
        throw TwoliterException.badInput(variable + " must be a positive whole number, got '" + value
                + "' (the default is " + fallback + ")");
    }

    static String bytes(long count) {
        if (count >= 1L << 30 && count % (1L << 30) == 0) {
            return count + " bytes (" + (count >> 30) + " GiB)";
        }
        return count >= 1L << 20 ? count + " bytes (" + (count >> 20) + " MiB)" : count + " bytes";
    }

    /** The entries and bytes unpacked so far; throws as soon as either would go over its limit. */
    static final class Budget {
        private final UnpackLimits limits;
        private long entries;
        private long bytes;

        private Budget(UnpackLimits limits) {
            this.limits = limits;
        }

        void entry(String name) throws LimitExceededException {
            if (++entries > limits.maxEntries) {
                throw new LimitExceededException("holds more than " + limits.maxEntries + " entries (stopped at '"
                        + name + "'); if it really is that big, set " + ENTRIES_VARIABLE + " to a higher count");
            }
        }

        /** Called before {@code count} more bytes of {@code name} are written. */
        void write(String name, long count) throws LimitExceededException {
            if (count > limits.maxBytes - bytes) {
                throw new LimitExceededException("unpacks to more than " + UnpackLimits.bytes(limits.maxBytes)
                        + " (stopped in '" + name + "'); if it really is that big, set " + BYTES_VARIABLE
                        + " to a higher number of bytes");
            }
            bytes += count;
        }
    }

    /** An archive that is bigger than the limits allow; the message says which limit and how to raise it. */
    static final class LimitExceededException extends java.io.IOException {
        private static final long serialVersionUID = 1L;

        LimitExceededException(String message) {
            super(message);
        }
    }
}
