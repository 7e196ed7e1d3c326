package pubsys.keys;

import common.TwoliterException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import pubsys.infra.SigningKeySource;
import pubsys.tuf.LocalKeySigner;
import pubsys.tuf.Signer;

/** Chooses the signer for a repo's {@code signing_keys} (pubsys.md §2.2). */
public final class Signers {
    private Signers() {
    }

    /**
     * {@code file} → {@link LocalKeySigner}, {@code kms} → {@link KmsSigner}, {@code ssm} → {@link SsmKeySigner}.
     */
    public static Signer forSource(SigningKeySource source, AwsClientFactory aws) throws TwoliterException {
        if (source instanceof SigningKeySource.File f) {
            return LocalKeySigner.fromFile(f.path());
        }
        if (source instanceof SigningKeySource.Kms k) {
            return KmsSigner.create(k, aws);
        }
        return SsmKeySigner.create((SigningKeySource.Ssm) source, aws);
    }

    /** {@link #forSource(SigningKeySource, AwsClientFactory)} with AWS clients from the environment. */
    public static Signer forSource(SigningKeySource source) throws TwoliterException {
        return forSource(source, AwsClientFactory.fromEnvironment());
    }

    /**
     * The signer for repo {@code repoName}: its {@code signing_keys} when configured, else the key at
     * {@code defaultKeyPath} (what {@code twoliter make publish-setup} creates) when that file exists.
     */
    public static Signer forRepo(String repoName, Optional<SigningKeySource> source, Path defaultKeyPath,
                                 AwsClientFactory aws) throws TwoliterException {
        if (source.isPresent()) {
            return forSource(source.get(), aws);
        }
        if (Files.isRegularFile(defaultKeyPath)) {
            return LocalKeySigner.fromFile(defaultKeyPath);
        }
        throw TwoliterException.badInput("Infra.toml is missing signing_keys for repo '" + repoName
                + "', and there is no local key at '" + defaultKeyPath
                + "'; run 'twoliter make publish-setup' or configure signing_keys");
    }

    /** {@link #forRepo(String, Optional, Path, AwsClientFactory)} with AWS clients from the environment. */
    public static Signer forRepo(String repoName, Optional<SigningKeySource> source, Path defaultKeyPath)
            throws TwoliterException {
        return forRepo(repoName, source, defaultKeyPath, AwsClientFactory.fromEnvironment());
    }
}
