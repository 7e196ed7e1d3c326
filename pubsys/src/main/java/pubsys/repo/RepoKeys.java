package pubsys.repo;

import common.TwoliterException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import pubsys.infra.RepoConfig;
import pubsys.infra.SigningKeySource;
import pubsys.tuf.LocalKeySigner;
import pubsys.tuf.Signer;

/** The signer of a repository: Infra.toml's {@code signing_keys}, else the default key file (pubsys.md §2.2). */
final class RepoKeys {
    private RepoKeys() {
    }

    static List<Signer> signers(String repo, RepoConfig config, Path defaultKey) throws TwoliterException {
        if (config.signingKeys().isPresent()) {
            SigningKeySource source = config.signingKeys().get();
            if (source instanceof SigningKeySource.File file) {
                return List.of(LocalKeySigner.fromFile(file.path()));
            }
            throw TwoliterException.notImplemented("signing repo '" + repo + "' with " + (source
                    instanceof SigningKeySource.Kms ? "an AWS KMS key" : "a key from SSM") + " is not supported"
                    + " yet; use signing_keys = { file = { path = \"...\" } } or the default key " + defaultKey);
        }
        if (!Files.isRegularFile(defaultKey)) {
            throw TwoliterException.badInput("Infra.toml has no signing_keys for repo '" + repo + "', and there is"
                    + " no local key at '" + defaultKey + "'; run 'twoliter make publish-setup' or configure"
                    + " signing_keys");
        }
        return List.of(LocalKeySigner.fromFile(defaultKey));
    }
}
