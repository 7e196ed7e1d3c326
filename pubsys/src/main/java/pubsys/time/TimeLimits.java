package pubsys.time;

import common.TwoliterException;
import java.time.Duration;
import java.time.Instant;

/**
 * The bounds on the offsets and dates pubsys writes into TUF metadata and manifest.json. {@link DateArgument} parses
 * offsets up to 2^32-1 weeks, as upstream; written dates must stay RFC 3339 with a 4-digit year (chrono's, and so
 * tough's, parser refuses {@code +82316574-04-13T00:00:00Z}), and no policy needs an offset of more than a century.
 */
public final class TimeLimits {
    /** The longest expiration or wave offset accepted: 100 years of 365.25 days. */
    public static final Duration MAX_OFFSET = Duration.ofDays(36_525);
    public static final Instant EARLIEST = Instant.EPOCH;
    public static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

    private TimeLimits() {
    }

    /** Whether {@code offset} is at most {@link #MAX_OFFSET}. */
    public static boolean withinMaxOffset(Duration offset) {
        return offset.compareTo(MAX_OFFSET) <= 0;
    }

    /** What messages say of an offset over the limit. */
    public static String overMaxOffset() {
        return "more than 100 years (" + MAX_OFFSET.toDays() + " days)";
    }

    /** An offset as policies write it: {@code 14 days}, or {@code 4 hours} when not a whole number of days. */
    public static String describe(Duration offset) {
        return offset.toHours() % 24 == 0 ? offset.toDays() + " days" : offset.toHours() + " hours";
    }

    /**
     * Returns {@code date} when it lies between {@link #EARLIEST} and {@link #LATEST}.
     *
     * @param what how the message names the value, e.g. {@code RELEASE_START_TIME '4294967295 weeks'}
     */
    public static Instant requireDate(Instant date, String what) throws TwoliterException {
        if (date.isBefore(EARLIEST) || date.isAfter(LATEST)) {
            throw TwoliterException.badInput(what + " is " + date + ", outside " + EARLIEST + " to " + LATEST
                    + "; TUF metadata and manifest.json need RFC 3339 dates with 4-digit years");
        }
        return date;
    }
}
