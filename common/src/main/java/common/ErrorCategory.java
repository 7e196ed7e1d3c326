package common;

/** What kind of failure a {@link TwoliterException} reports, and the process exit code it maps to. */
public enum ErrorCategory {
    /** The user's input or project is wrong: malformed file, unknown name, cycle, bad flag. */
    BAD_INPUT(2),
    /** The request is valid but the capability does not exist yet; nothing was done. */
    NOT_IMPLEMENTED(2),
    /** A build, fetch or publish step ran and failed. */
    FAILURE(1);

    private final int exitCode;

    ErrorCategory(int exitCode) {
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
