package twoliter.cli;

import common.TwoliterException;
import java.util.Locale;

/** How much the CLI prints, as upstream's {@code --log-level}. */
public enum LogLevel {
    OFF, ERROR, WARN, INFO, DEBUG, TRACE;

    /** The level named {@code value} in any case, as picocli reads it before the command. */
    static LogLevel parse(String value, String where) throws TwoliterException {
        try {
            return valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw TwoliterException.badInput("unknown log level '" + value + "' in " + where + "; use off, error,"
                    + " warn, info, debug or trace");
        }
    }

    boolean allows(LogLevel message) {
        return this != OFF && message.ordinal() <= ordinal();
    }
}
