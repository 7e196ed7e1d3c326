package common;

import java.util.Objects;

/**
 * The one checked exception of the project. Its message is written for the user: what failed, the offending value in
 * quotes, where, and what to do next.
 */
public class TwoliterException extends Exception {
    private static final long serialVersionUID = 1L;

    private final ErrorCategory category;

    public TwoliterException(ErrorCategory category, String message) {
        super(message);
        this.category = Objects.requireNonNull(category);
    }

    public TwoliterException(ErrorCategory category, String message, Throwable cause) {
        super(message, cause);
        this.category = Objects.requireNonNull(category);
    }

    public static TwoliterException badInput(String message) {
        return new TwoliterException(ErrorCategory.BAD_INPUT, message);
    }

    public static TwoliterException notImplemented(String message) {
        return new TwoliterException(ErrorCategory.NOT_IMPLEMENTED, message);
    }

    public ErrorCategory category() {
        return category;
    }

    public int exitCode() {
        return category.exitCode();
    }
}
