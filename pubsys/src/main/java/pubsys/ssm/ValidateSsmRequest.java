package pubsys.ssm;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code validate-ssm} command's inputs (pubsys.md §12).
 *
 * @param expectedParameters {@code {"<region>": {"<name>": "<value>"}}}, e.g. the output of {@code ssm}
 * @param ssmPrefix          Infra.toml's {@code [aws] ssm_prefix}: where to look for unexpected parameters
 * @param checkUnexpected    also report parameters under the prefix that the file does not list
 */
public record ValidateSsmRequest(Path expectedParameters, Optional<String> ssmPrefix, boolean checkUnexpected) {
    public ValidateSsmRequest {
        Objects.requireNonNull(expectedParameters, "expectedParameters");
        Objects.requireNonNull(ssmPrefix, "ssmPrefix");
    }
}
