package pubsys.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import common.TwoliterException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads wave keys (u32 seeds) and wave times, leniently as chrono does (a one-digit month is accepted). */
final class Seeds {
    private static final Pattern LENIENT = Pattern.compile(
            "(\\d{4})-(\\d{1,2})-(\\d{1,2})[Tt ](\\d{1,2}):(\\d{1,2}):(\\d{1,2})(\\.\\d{1,9})?"
                    + "(?:([Zz])|([+-])(\\d{2}):?(\\d{2}))");

    private Seeds() {
    }

    static int parse(String key, String path, Fields fields) throws TwoliterException {
        long seed = -1;
        if (!key.isEmpty() && key.length() <= 10 && key.chars().allMatch(c -> c >= '0' && c <= '9')) {
            seed = Long.parseLong(key);
        }
        // Seeds are u32 upstream; updog seeds stay below 2048, so an int holds every meaningful one.
        if (seed < 0 || seed > Integer.MAX_VALUE) {
            throw fields.problem(path, "has the key '" + key + "', which is not a wave seed (an unsigned integer)");
        }
        return (int) seed;
    }

    static Instant time(JsonNode node, String path, Fields fields) throws TwoliterException {
        Matcher m = node.isTextual() ? LENIENT.matcher(node.asText()) : null;
        if (m == null || !m.matches()) {
            throw fields.problem(path, "must be an RFC 3339 datetime such as '2024-01-01T01:00:00Z', got " + node);
        }
        try {
            String fraction = m.group(7) == null ? "" : m.group(7).substring(1);
            int nanos = fraction.isEmpty() ? 0 : Integer.parseInt((fraction + "00000000").substring(0, 9));
            LocalDateTime local = LocalDateTime.of(num(m, 1), num(m, 2), num(m, 3), num(m, 4), num(m, 5), num(m, 6),
                    nanos);
            ZoneOffset offset = m.group(8) != null ? ZoneOffset.UTC
                    : ZoneOffset.ofHoursMinutes(sign(m) * num(m, 10), sign(m) * num(m, 11));
            return local.toInstant(offset);
        } catch (java.time.DateTimeException e) {
            throw fields.problem(path, "is not a real datetime: " + node + " (" + e.getMessage() + ")");
        }
    }

    private static int num(Matcher m, int group) {
        return Integer.parseInt(m.group(group));
    }

    private static int sign(Matcher m) {
        return m.group(9).equals("-") ? -1 : 1;
    }
}
