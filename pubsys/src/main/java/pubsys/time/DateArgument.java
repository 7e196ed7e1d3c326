package pubsys.time;

import common.TwoliterException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Objects;

/**
 * Parses the date arguments of pubsys: an RFC 3339 datetime, or an offset such as {@code in 7 days} or
 * {@code 2 weeks} (reference §7). Not a general natural-language date parser: minutes, months and years are refused.
 */
public final class DateArgument {
    private static final String ACCEPTED = "expected RFC 3339, or something like 'in 7 days' or '7 days'";
    private static final long U32_MAX = 0xFFFF_FFFFL;
    // Units are case-sensitive, as upstream's match on the exact token.
    private static final Map<String, Duration> UNITS = Map.of(
            "hour", Duration.ofHours(1), "hours", Duration.ofHours(1),
            "day", Duration.ofDays(1), "days", Duration.ofDays(1),
            "week", Duration.ofDays(7), "weeks", Duration.ofDays(7));
    // RFC 3339: 'T' (either case) between date and time, 'Z' or a numeric offset.
    private static final DateTimeFormatter RFC_3339 = new DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .appendLiteral('T')
            .append(DateTimeFormatter.ISO_LOCAL_TIME)
            .appendOffset("+HH:MM", "Z")
            .toFormatter();

    private DateArgument() {
    }

    /** Parses {@code [in] <count> hour(s)|day(s)|week(s)}, the count being an unsigned 32-bit integer. */
    public static Duration parseOffset(String value) throws TwoliterException {
        Objects.requireNonNull(value, "value");
        String[] tokens = value.trim().split("\\s+");
        if (tokens.length != 2 && tokens.length != 3) {
            throw invalid(value, ACCEPTED);
        }
        if (tokens.length == 3 && !tokens[0].equals("in")) {
            throw invalid(value, "expected prefix 'in', something like 'in 7 days'");
        }
        long count = parseCount(tokens[tokens.length - 2], value);
        Duration unit = UNITS.get(tokens[tokens.length - 1]);
        if (unit == null) {
            throw invalid(value, "date argument's unit must be hours/days/weeks (got '" + tokens[tokens.length - 1]
                    + "'); " + ACCEPTED);
        }
        return unit.multipliedBy(count);
    }

    /** An RFC 3339 datetime converted to UTC, else {@code clock}'s now plus {@link #parseOffset(String) the offset}. */
    public static Instant parseDatetime(String value, Clock clock) throws TwoliterException {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(clock, "clock");
        try {
            return OffsetDateTime.parse(value, RFC_3339).toInstant();
        } catch (DateTimeParseException notRfc3339) {
            return clock.instant().plus(parseOffset(value));
        }
    }

    private static long parseCount(String token, String value) throws TwoliterException {
        // Rust's u32 parser accepts an optional '+' and nothing else but ASCII digits.
        String digits = token.startsWith("+") ? token.substring(1) : token;
        if (digits.isEmpty() || digits.length() > 10 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')
                || Long.parseLong(digits) > U32_MAX) {
            throw TwoliterException.badInput("Date argument had count '" + token
                    + "' that failed to parse as integer (in '" + value + "'); the count must be a whole number"
                    + " from 0 to " + U32_MAX + "; " + ACCEPTED);
        }
        return Long.parseLong(digits);
    }

    private static TwoliterException invalid(String value, String problem) {
        return TwoliterException.badInput("Date argument '" + value + "' is invalid: " + problem);
    }
}
