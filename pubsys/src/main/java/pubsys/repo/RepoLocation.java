package pubsys.repo;

import common.TwoliterException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import pubsys.infra.RepoConfig;
import pubsys.tuf.RepositoryLayout;

/**
 * Where an existing repository is read from: {@code metadata_base_url/<variant>/<arch>} and {@code targets_url} of
 * Infra.toml. Only {@code file://} URLs are read so far; http(s) says so.
 */
final class RepoLocation {
    private RepoLocation() {
    }

    /** The layout of the existing repo, or empty when Infra.toml names none (a new repo is started). */
    static Optional<RepositoryLayout> of(String repo, RepoConfig config, String variant, String arch)
            throws TwoliterException {
        Optional<URI> metadata = config.metadataUrl(variant, arch);
        if (metadata.isEmpty() || config.targetsUrl().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new RepositoryLayout(path(repo, metadata.get()), path(repo, config.targetsUrl().get())));
    }

    static RepositoryLayout require(String repo, RepoConfig config, String variant, String arch)
            throws TwoliterException {
        return of(repo, config, variant, arch).orElseThrow(() -> TwoliterException.badInput("repo URLs not"
                + " specified for repo '" + repo + "': set metadata_base_url and targets_url in [repo." + repo
                + "] of Infra.toml"));
    }

    static boolean exists(RepositoryLayout layout) {
        return Files.isRegularFile(layout.metadataDir().resolve("timestamp.json"));
    }

    private static Path path(String repo, URI uri) throws TwoliterException {
        if (!"file".equals(uri.getScheme())) {
            throw TwoliterException.notImplemented("reading repo '" + repo + "' from '" + uri + "' is not"
                    + " supported yet: only file:// URLs are read; mirror the repo locally and point"
                    + " metadata_base_url and targets_url at it with file://");
        }
        return Path.of(uri);
    }
}
