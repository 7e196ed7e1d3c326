package pubsys.keys;

import common.Causes;
import common.ErrorCategory;
import common.TwoliterException;
import pubsys.infra.SigningKeySource;
import pubsys.tuf.LocalKeySigner;
import pubsys.tuf.Signer;
import pubsys.tuf.TufKey;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;

/**
 * A private key kept in an SSM (SecureString) parameter (pubsys.md §2.2): read once with
 * {@code GetParameter(Name, WithDecryption=true)} in the default region, then parsed and used like a key file.
 * The key text is never logged, put in an exception or shown by {@link #toString()}.
 */
public final class SsmKeySigner implements Signer {
    private final String parameter;
    private final LocalKeySigner key;

    private SsmKeySigner(String parameter, LocalKeySigner key) {
        this.parameter = parameter;
        this.key = key;
    }

    public static SsmKeySigner create(SigningKeySource.Ssm source, AwsClientFactory clients)
            throws TwoliterException {
        String parameter = source.parameter();
        if (parameter.isBlank()) {
            throw TwoliterException.badInput("Infra.toml is missing parameter");
        }
        String value;
        try (SsmClient ssm = clients.ssm()) {
            value = ssm.getParameter(b -> b.name(parameter).withDecryption(true)).parameter().value();
        } catch (ParameterNotFoundException e) {
            throw TwoliterException.badInput("SSM parameter '" + parameter + "' (signing_keys) does not exist in"
                    + " the default region; check the name, AWS_REGION and the credentials' account");
        } catch (SdkException e) {
            // SDK messages describe the call, never the parameter's value.
            throw new TwoliterException(ErrorCategory.FAILURE,
                    "cannot read signing key from SSM parameter '" + parameter + "': " + Causes.describe(e));
        }
        if (value == null || value.isBlank()) {
            throw TwoliterException.badInput("SSM parameter '" + parameter + "' is empty; it must hold a private key");
        }
        return new SsmKeySigner(parameter, LocalKeySigner.fromPem(value, "ssm:" + parameter));
    }

    /** The parameter name as configured. */
    public String parameter() {
        return parameter;
    }

    @Override
    public TufKey publicKey() {
        return key.publicKey();
    }

    @Override
    public byte[] sign(byte[] message) throws TwoliterException {
        return key.sign(message);
    }

    @Override
    public String toString() {
        return "SsmKeySigner[" + parameter + ", " + key.publicKey() + "]";
    }
}
