package buildsys.exec;

import buildsys.plan.BuildPlan;
import java.nio.file.Path;
import java.util.Objects;

/**
 * What to execute and how.
 *
 * @param cacheRoot the machine-wide cache (content store, action cache, repository cache)
 * @param buildId the build id (commit, maybe -dirty) and {@code buildIdTimestamp} the commit time in Unix seconds,
 *     for RPM release tags ({@code .<timestamp>.<build id>.br1}) and kit image dates
 */
public record ExecutionRequest(BuildPlan plan, int jobs, boolean keepGoing, Path cacheRoot, String buildId,
                               String buildIdTimestamp) {
    public ExecutionRequest {
        Objects.requireNonNull(plan);
        if (jobs < 1) {
            throw new IllegalArgumentException("jobs must be at least 1");
        }
        Objects.requireNonNull(cacheRoot);
        Objects.requireNonNull(buildId);
        Objects.requireNonNull(buildIdTimestamp);
    }
}
