package twoliter.cli;

/** How much the CLI prints, as upstream's {@code --log-level}. */
public enum LogLevel {
    OFF, ERROR, WARN, INFO, DEBUG, TRACE;

    boolean allows(LogLevel message) {
        return this != OFF && message.ordinal() <= ordinal();
    }
}
