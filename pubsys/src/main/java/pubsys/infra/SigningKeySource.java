package pubsys.infra;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/** Where a repository's signing key comes from ({@code signing_keys} of a {@code [repo.<name>]} table). */
public sealed interface SigningKeySource {
    /** A PEM or DER private key file. */
    record File(Path path) implements SigningKeySource {
        public File {
            Objects.requireNonNull(path);
        }
    }

    /** An asymmetric AWS KMS key, used with RSASSA_PSS_SHA_256; {@code availableKeys} maps key ids to regions. */
    record Kms(String keyId, Map<String, String> availableKeys) implements SigningKeySource {
        public Kms {
            Objects.requireNonNull(keyId);
            availableKeys = Map.copyOf(availableKeys);
        }
    }

    /** An SSM SecureString parameter holding the private key. */
    record Ssm(String parameter) implements SigningKeySource {
        public Ssm {
            Objects.requireNonNull(parameter);
        }
    }
}
