package pubsys.manifest;

import common.TwoliterException;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The key of a migrations entry: the OS versions it migrates between, written {@code "(1.19.0, 1.20.0)"}. */
public record MigrationKey(Version from, Version to) {
    // Reference §6: any spaces after the comma are accepted on read; exactly ", " is written.
    private static final Pattern KEY = Pattern.compile("\\(([^ ,]+), *([^ ,]+)\\)");

    public MigrationKey {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
    }

    public static MigrationKey parse(String key) throws TwoliterException {
        Matcher matcher = KEY.matcher(key);
        if (matcher.matches()) {
            try {
                return new MigrationKey(Version.parse(matcher.group(1)), Version.parse(matcher.group(2)));
            } catch (TwoliterException e) {
                throw couldNotParse(key, e.getMessage());
            }
        }
        throw couldNotParse(key, "expected '(FROM, TO)'");
    }

    @Override
    public String toString() {
        return "(" + from + ", " + to + ")";
    }

    private static TwoliterException couldNotParse(String key, String why) {
        return TwoliterException.badInput("Could not parse OS versions from migration key '" + key + "': " + why
                + "; write it like '(1.19.0, 1.20.0)'");
    }
}
