package buildsys.exec;

import buildsys.plan.BuildPlan;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * What to execute and how.
 *
 * @param cacheRoot the machine-wide cache (content store, action cache, repository cache)
 * @param buildId the build id (commit, maybe -dirty) and {@code buildIdTimestamp} the commit time in Unix seconds,
 *     for RPM release tags ({@code .<timestamp>.<build id>.br1}) and kit image dates
 * @param vendoredSdkDir a vendor directory's {@code sdk/}, holding SDK images saved as {@code <repo>_<tag>.tar}: an
 *     SDK image Docker lacks is loaded from there before it is built or pulled
 * @param goBundles how Go module bundles are made (network, the host's Go settings, vendored bundles)
 */
public record ExecutionRequest(BuildPlan plan, int jobs, boolean keepGoing, Path cacheRoot, String buildId,
                               String buildIdTimestamp, Optional<Path> vendoredSdkDir, GoBundleSettings goBundles) {
    public ExecutionRequest {
        Objects.requireNonNull(plan);
        if (jobs < 1) {
            throw new IllegalArgumentException("jobs must be at least 1");
        }
        Objects.requireNonNull(cacheRoot);
        Objects.requireNonNull(buildId);
        Objects.requireNonNull(buildIdTimestamp);
        Objects.requireNonNull(vendoredSdkDir);
        Objects.requireNonNull(goBundles);
    }

    public ExecutionRequest(BuildPlan plan, int jobs, boolean keepGoing, Path cacheRoot, String buildId,
                            String buildIdTimestamp, Optional<Path> vendoredSdkDir) {
        this(plan, jobs, keepGoing, cacheRoot, buildId, buildIdTimestamp, vendoredSdkDir,
                GoBundleSettings.defaults());
    }

    public ExecutionRequest(BuildPlan plan, int jobs, boolean keepGoing, Path cacheRoot, String buildId,
                            String buildIdTimestamp) {
        this(plan, jobs, keepGoing, cacheRoot, buildId, buildIdTimestamp, Optional.empty(),
                GoBundleSettings.defaults());
    }

    /** The archive name of a saved SDK image: {@code <repository>_<tag>.tar}, '/' and ':' in the repository as '_'. */
    public static String sdkArchiveName(String image) {
        int colon = image.lastIndexOf(':');
        String repo = colon > image.lastIndexOf('/') ? image.substring(0, colon) : image;
        String tag = colon > image.lastIndexOf('/') ? image.substring(colon + 1) : "latest";
        return repo.replaceAll("[/:@]", "_") + "_" + tag + ".tar";
    }
}
