package pubsys.repo;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import pubsys.infra.RepoConfig;
import pubsys.policy.ExpirationPolicy;
import pubsys.policy.WavePolicy;

/**
 * One {@code repo} run: the variant's update images and other targets, the policies, and where to write.
 *
 * @param linkTargets disk images and other large files published as they are
 * @param migrations Release.toml's {@code [migrations]}, keys as written there ({@code "(1.0.0, 1.1.0)"})
 * @param start when the release starts: waves and expirations count from it
 * @param outdir {@code build/repos/<repo>/<name>-<version>-<build>}; {@code latest} beside it is pointed at it
 */
public record PublishRequest(String repo, RepoConfig config, String variant, String arch, String version,
                             Path bootImage, Path rootImage, Path hashImage, List<Path> linkTargets,
                             List<Path> copyTargets, Map<String, List<String>> migrations, Path rootRole,
                             Path defaultKey, ExpirationPolicy expiration, WavePolicy waves, Instant start,
                             Path outdir) {
    public PublishRequest {
        Objects.requireNonNull(repo);
        Objects.requireNonNull(config);
        Objects.requireNonNull(variant);
        Objects.requireNonNull(arch);
        Objects.requireNonNull(version);
        Objects.requireNonNull(bootImage);
        Objects.requireNonNull(rootImage);
        Objects.requireNonNull(hashImage);
        linkTargets = List.copyOf(linkTargets);
        copyTargets = List.copyOf(copyTargets);
        migrations = Map.copyOf(migrations);
        Objects.requireNonNull(rootRole);
        Objects.requireNonNull(defaultKey);
        Objects.requireNonNull(expiration);
        Objects.requireNonNull(waves);
        Objects.requireNonNull(start);
        Objects.requireNonNull(outdir);
    }
}
