package buildsys;

import java.util.List;
import java.util.Objects;

/**
 * A query over the build graph.
 *
 * @param workingDir the user's current directory relative to the project root, for relative patterns
 */
public record QueryRequest(List<String> patterns, String workingDir, Mode mode) {
    public QueryRequest {
        patterns = List.copyOf(patterns);
        Objects.requireNonNull(workingDir);
        Objects.requireNonNull(mode);
    }

    /** What to print for the matched targets. */
    public enum Mode {
        /** The matched targets, sorted. */
        MATCHES,
        /** The matched targets and everything they depend on, dependencies first. */
        WITH_DEPENDENCIES,
        /** The matched targets and everything that depends on them, dependencies first. */
        WITH_DEPENDENTS
    }
}
