package pubsys.infra;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/** A {@code [repo.<name>]} table of Infra.toml: the root role's origin, the signing key and where the repo lives. */
public record RepoConfig(Optional<URI> rootRoleUrl, Optional<String> rootRoleSha512,
                         Optional<SigningKeySource> signingKeys, Optional<URI> metadataBaseUrl,
                         Optional<URI> targetsUrl) {
    public RepoConfig {
        Objects.requireNonNull(rootRoleUrl);
        Objects.requireNonNull(rootRoleSha512);
        Objects.requireNonNull(signingKeys);
        Objects.requireNonNull(metadataBaseUrl);
        Objects.requireNonNull(targetsUrl);
    }

    /** The all-default repo that {@code repo} uses when Infra.toml has none: a fresh repository and a local key. */
    public static RepoConfig empty() {
        return new RepoConfig(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty());
    }

    /**
     * Where a variant's metadata lives: {@code metadata_base_url} + {@code /} (unless it ends with one) +
     * {@code <variant>/<arch>} (pubsys.md §2.1).
     */
    public Optional<URI> metadataUrl(String variant, String arch) {
        return metadataBaseUrl.map(base -> {
            String text = base.toString();
            if (base.getPath() == null || base.getPath().isEmpty()) {
                text = text + "/";
            }
            return URI.create(text + (text.endsWith("/") ? "" : "/") + variant + "/" + arch);
        });
    }
}
