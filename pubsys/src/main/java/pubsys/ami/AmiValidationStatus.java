package pubsys.ami;

import common.TwoliterException;
import java.util.Arrays;

/** How an expected AMI compares with what EC2 reports (pubsys.md §12 validate-ami). */
public enum AmiValidationStatus {
    /** EC2 has the image exactly as expected. */
    CORRECT("Correct"),
    /** EC2 has the image, but something differs. */
    INCORRECT("Incorrect"),
    /** EC2 does not have the image in that region. */
    MISSING("Missing"),
    /** The region could not be asked. */
    UNREACHABLE("Unreachable");

    private final String label;

    AmiValidationStatus(String label) {
        this.label = label;
    }

    /** The name in results files and {@code --write-results-filter}: {@code Correct}, {@code Missing}, ... */
    public String label() {
        return label;
    }

    /** Parses a {@code --write-results-filter} value; case-sensitive, as upstream. */
    public static AmiValidationStatus parse(String value) throws TwoliterException {
        for (AmiValidationStatus s : values()) {
            if (s.label.equals(value)) {
                return s;
            }
        }
        throw TwoliterException.badInput("--write-results-filter '" + value + "' is not a status; use one of "
                + Arrays.stream(values()).map(AmiValidationStatus::label).toList());
    }

    @Override
    public String toString() {
        return label;
    }
}
