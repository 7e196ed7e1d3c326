package buildsys.cache;

import common.ErrorCategory;
import common.TwoliterException;
import java.nio.file.Path;

/**
 * An object of the content store did not have the content its name promises, or vanished, while it was being
 * materialized. The corrupt object has already been removed; running the action again recreates it.
 */
public final class CorruptObjectException extends TwoliterException {
    private static final long serialVersionUID = 1L;

    private final String outputPath;

    private CorruptObjectException(String outputPath, String message) {
        super(ErrorCategory.FAILURE, message);
        this.outputPath = outputPath;
    }

    static CorruptObjectException mismatch(OutputFile expected, Path object, HashingCopy.Digest actual,
                                           boolean removed) {
        return new CorruptObjectException(expected.path(), "content store object '" + object + "' for output '"
                + expected.path() + "' has sha256 '" + actual.sha256() + "' (" + actual.size() + " bytes), expected '"
                + expected.sha256() + "' (" + expected.size() + " bytes); "
                + (removed ? "the object was removed" : "the action cache entry is wrong")
                + ", build again to recreate it");
    }

    static CorruptObjectException missing(OutputFile expected, Path object) {
        return new CorruptObjectException(expected.path(), "content store object '" + object + "' for output '"
                + expected.path() + "' is missing; build again to recreate it");
    }

    /** The output the object was meant to become, relative to its action's output root. */
    public String outputPath() {
        return outputPath;
    }
}
