package twoliter.cli;

import java.io.PrintStream;

/**
 * Renders messages for a person: results on standard output, warnings and errors on standard error, filtered by
 * the log level. Results (query output, plans) are printed whatever the level, since they are what was asked for.
 */
final class Console {
    private final PrintStream out;
    private final PrintStream err;
    private final LogLevel level;

    Console(PrintStream out, PrintStream err, LogLevel level) {
        this.out = out;
        this.err = err;
        this.level = level;
    }

    void result(String line) {
        out.println(line);
    }

    void info(String message) {
        if (level.allows(LogLevel.INFO)) {
            err.println(message);
        }
    }

    void debug(String message) {
        if (level.allows(LogLevel.DEBUG)) {
            err.println("debug: " + message);
        }
    }

    boolean allows(LogLevel message) {
        return level.allows(message);
    }

    void warn(String message) {
        if (level.allows(LogLevel.WARN)) {
            err.println("warning: " + message);
        }
    }

    void error(String message) {
        if (level.allows(LogLevel.ERROR)) {
            err.println("error: " + message);
        }
    }

    PrintStream err() {
        return err;
    }
}
