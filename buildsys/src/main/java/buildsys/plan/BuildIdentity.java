package buildsys.plan;

import java.util.Objects;

/**
 * The names and versions stamped into kits and images: the release version from Twoliter.toml, the build id (the
 * commit, maybe with -dirty), the image name prefix and the pretty name (BUILDSYS_NAME, BUILDSYS_PRETTY_NAME).
 */
public record BuildIdentity(String releaseVersion, String buildId, String imageName, String prettyName) {
    public BuildIdentity {
        Objects.requireNonNull(releaseVersion);
        Objects.requireNonNull(buildId);
        Objects.requireNonNull(imageName);
        Objects.requireNonNull(prettyName);
    }
}
