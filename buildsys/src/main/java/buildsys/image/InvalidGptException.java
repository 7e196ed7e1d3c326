package buildsys.image;

import common.ErrorCategory;
import common.TwoliterException;

/** A disk image's partition table is missing, corrupt, or its primary and backup copies disagree. */
public final class InvalidGptException extends TwoliterException {
    private static final long serialVersionUID = 1L;

    InvalidGptException(String message) {
        super(ErrorCategory.FAILURE, message);
    }
}
