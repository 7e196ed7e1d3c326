package pubsys.ami;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One {@code validate-ami} run: the expected AMIs (an amis.json will do) and, optionally, where to write the
 * per-image results and which statuses to keep there (empty keeps all).
 */
public record AmiValidationRequest(Path expectedAmis, Optional<Path> writeResults,
                                   Set<AmiValidationStatus> writeResultsFilter) {
    public AmiValidationRequest {
        Objects.requireNonNull(expectedAmis);
        Objects.requireNonNull(writeResults);
        writeResultsFilter = Set.copyOf(writeResultsFilter);
        if (!writeResultsFilter.isEmpty() && writeResults.isEmpty()) {
            throw new IllegalArgumentException("--write-results-filter needs --write-results-path");
        }
    }

    public static AmiValidationRequest of(Path expectedAmis) {
        return new AmiValidationRequest(expectedAmis, Optional.empty(), Set.of());
    }
}
