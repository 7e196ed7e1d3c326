package pubsys.ssm;

import java.util.Objects;
import java.util.Optional;

/** One parameter's outcome in {@code validate-ssm}: what the file expected, what SSM held, and the verdict. */
public record ValidationResult(SsmKey key, Optional<String> expected, Optional<String> actual,
                               ValidationStatus status) {
    public ValidationResult {
        Objects.requireNonNull(key);
        Objects.requireNonNull(expected);
        Objects.requireNonNull(actual);
        Objects.requireNonNull(status);
    }
}
