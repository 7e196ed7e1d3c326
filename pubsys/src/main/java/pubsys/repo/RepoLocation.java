package pubsys.repo;

import common.ErrorCategory;
import common.ScratchDirectories;
import common.TwoliterException;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Predicate;
import pubsys.infra.RepoConfig;
import pubsys.tuf.RepositoryLayout;

/**
 * Where an existing repository is read from: {@code metadata_base_url/<variant>/<arch>} and {@code targets_url} of
 * Infra.toml, either {@code file://} (read in place) or http(s) (mirrored into a scratch directory first).
 */
final class RepoLocation {
    private RepoLocation() {
    }

    /**
     * The layout of the existing repo, or empty when Infra.toml names none or nothing is there yet.
     *
     * @param targets the targets to fetch when the repo is remote
     */
    static Optional<RepositoryLayout> open(String repo, RepoConfig config, String variant, String arch,
                                           Predicate<String> targets) throws TwoliterException {
        Optional<URI> metadata = config.metadataUrl(variant, arch);
        if (metadata.isEmpty() || config.targetsUrl().isEmpty()) {
            return Optional.empty();
        }
        URI targetsUrl = config.targetsUrl().get();
        if ("file".equals(metadata.get().getScheme()) && "file".equals(targetsUrl.getScheme())) {
            RepositoryLayout layout = new RepositoryLayout(Path.of(metadata.get()), Path.of(targetsUrl));
            return Files.isRegularFile(layout.metadataDir().resolve("timestamp.json")) ? Optional.of(layout)
                    : Optional.empty();
        }
        if (!isHttp(metadata.get()) || !isHttp(targetsUrl)) {
            throw TwoliterException.badInput("repo '" + repo + "' URLs must be file://, http:// or https://, got '"
                    + metadata.get() + "' and '" + targetsUrl + "'");
        }
        try {
            Path scratch = ScratchDirectories.create("twoliter-repo-");
            return new RepoMirror().mirror(metadata.get(), targetsUrl, scratch, targets);
        } catch (IOException e) {
            throw new TwoliterException(ErrorCategory.FAILURE, "cannot make a scratch directory: " + e.getMessage());
        }
    }

    static RepositoryLayout require(String repo, RepoConfig config, String variant, String arch,
                                    Predicate<String> targets) throws TwoliterException {
        if (config.metadataBaseUrl().isEmpty() || config.targetsUrl().isEmpty()) {
            throw TwoliterException.badInput("repo URLs not specified for repo '" + repo + "': set"
                    + " metadata_base_url and targets_url in [repo." + repo + "] of Infra.toml");
        }
        return open(repo, config, variant, arch, targets).orElseThrow(() -> new TwoliterException(
                ErrorCategory.FAILURE, "no repo found at '" + config.metadataUrl(variant, arch).orElseThrow()
                + "' (no timestamp.json)"));
    }

    private static boolean isHttp(URI uri) {
        return "http".equals(uri.getScheme()) || "https".equals(uri.getScheme());
    }
}
