package pubsys.ssm;

import common.TwoliterException;
import java.util.Arrays;
import java.util.stream.Collectors;

/** How an expected (or unexpected) parameter compares with SSM in {@code validate-ssm}. */
public enum ValidationStatus {
    /** SSM holds the expected value. */
    CORRECT("Correct"),
    /** SSM holds another value. */
    INCORRECT("Incorrect"),
    /** SSM does not have the parameter. */
    MISSING("Missing"),
    /** SSM has a parameter under the prefix that the file does not expect (only with check-unexpected). */
    UNEXPECTED("Unexpected"),
    /** The region could not be read. */
    UNREACHABLE("Unreachable");

    private final String label;

    ValidationStatus(String label) {
        this.label = label;
    }

    /** The name upstream writes and {@code --write-results-filter} takes, e.g. {@code Correct}. */
    public String label() {
        return label;
    }

    /** The status named {@code label}, case-sensitive as upstream's {@code --write-results-filter}. */
    public static ValidationStatus parse(String label) throws TwoliterException {
        for (ValidationStatus s : values()) {
            if (s.label.equals(label)) {
                return s;
            }
        }
        throw TwoliterException.badInput("unknown validation status '" + label + "'; use one of "
                + Arrays.stream(values()).map(ValidationStatus::label).collect(Collectors.joining(", ")));
    }
}
