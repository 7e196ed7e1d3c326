package pubsys.keys;

import common.Causes;
import common.ErrorCategory;
import common.TwoliterException;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Optional;
import pubsys.infra.SigningKeySource;
import pubsys.tuf.Signer;
import pubsys.tuf.TufKey;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.GetPublicKeyResponse;
import software.amazon.awssdk.services.kms.model.MessageType;
import software.amazon.awssdk.services.kms.model.SigningAlgorithmSpec;

/**
 * A TUF signer over an asymmetric RSA key in AWS KMS (pubsys.md §2.2, §4.5), as tough-kms does it: the public key
 * comes from {@code GetPublicKey}; each signature is {@code Sign(KeyId, Message = SHA-256(message),
 * MessageType = DIGEST, SigningAlgorithm = RSASSA_PSS_SHA_256)}, left-padded with zeros to the modulus length. KMS's
 * RSASSA_PSS_SHA_256 uses MGF1-SHA-256 and a 32-byte salt, which is what TUF's {@code rsassa-pss-sha256} verifies.
 *
 * <p>The region is {@code available_keys[key_id]} when listed, else the default region; credentials always come from
 * the default chain (not Infra.toml's role or profile). Close it to release the HTTP client.
 */
public final class KmsSigner implements Signer, AutoCloseable {
    private static final SigningAlgorithmSpec ALGORITHM = SigningAlgorithmSpec.RSASSA_PSS_SHA_256;

    private final KmsClient client;
    private final String keyId;
    private final String where;
    private final RSAPublicKey rsaKey;
    private final TufKey publicKey;

    private KmsSigner(KmsClient client, String keyId, String where, RSAPublicKey rsaKey) {
        this.client = client;
        this.keyId = keyId;
        this.where = where;
        this.rsaKey = rsaKey;
        this.publicKey = TufKey.rsa(rsaKey);
    }

    /** Fetches the public key of {@code source}'s KMS key; fails unless it is an RSA key that allows RSASSA-PSS. */
    public static KmsSigner create(SigningKeySource.Kms source, AwsClientFactory clients) throws TwoliterException {
        String keyId = source.keyId();
        if (keyId.isBlank()) {
            throw TwoliterException.badInput("Infra.toml is missing key_id");
        }
        Optional<String> region = Optional.ofNullable(source.availableKeys().get(keyId));
        KmsClient client = clients.kms(region);
        String where = "KMS key '" + keyId + "'" + region.map(r -> " in " + r).orElse("");
        try {
            return new KmsSigner(client, keyId, where, fetchPublicKey(client, keyId, where));
        } catch (TwoliterException | RuntimeException e) {
            client.close();
            throw e;
        }
    }

    private static RSAPublicKey fetchPublicKey(KmsClient client, String keyId, String where)
            throws TwoliterException {
        GetPublicKeyResponse r;
        try {
            r = client.getPublicKey(b -> b.keyId(keyId));
        } catch (SdkException e) {
            throw new TwoliterException(ErrorCategory.FAILURE,
                    "cannot read the public key of " + where + ": " + Causes.describe(e), e);
        }
        if (!r.signingAlgorithms().contains(ALGORITHM)) {
            throw TwoliterException.badInput(where + " (key spec " + r.keySpecAsString() + ", usage "
                    + r.keyUsageAsString() + ") does not offer " + ALGORITHM + ", which TUF's rsassa-pss-sha256"
                    + " needs; use an RSA key with key usage SIGN_VERIFY (signing algorithms: "
                    + r.signingAlgorithmsAsStrings() + ")");
        }
        if (r.publicKey() == null) {
            throw new TwoliterException(ErrorCategory.FAILURE, "KMS returned no public key for " + where);
        }
        PublicKey key;
        try {
            key = KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(r.publicKey().asByteArray()));
        } catch (GeneralSecurityException e) {
            throw new TwoliterException(ErrorCategory.FAILURE, "the public key KMS returned for " + where
                    + " is not an RSA SubjectPublicKeyInfo: " + e.getMessage());
        }
        return (RSAPublicKey) key;
    }

    @Override
    public TufKey publicKey() {
        return publicKey;
    }

    /** The KMS key id, ARN or alias exactly as configured. */
    public String keyId() {
        return keyId;
    }

    @Override
    public byte[] sign(byte[] message) throws TwoliterException {
        byte[] digest = sha256(message);
        byte[] sig;
        try {
            sig = client.sign(b -> b.keyId(keyId).message(SdkBytes.fromByteArray(digest))
                    .messageType(MessageType.DIGEST).signingAlgorithm(ALGORITHM)).signature().asByteArray();
        } catch (SdkException e) {
            throw new TwoliterException(ErrorCategory.FAILURE, "signing with " + where + " failed: "
                    + Causes.describe(e), e);
        }
        byte[] padded = leftPad(sig, modulusBytes(rsaKey));
        if (padded == null || !verifies(rsaKey, message, padded)) {
            throw new TwoliterException(ErrorCategory.FAILURE, "the signature " + where + " returned does not"
                    + " verify with its public key as RSASSA-PSS SHA-256 (salt 32); is the endpoint a real KMS?");
        }
        return padded;
    }

    /** Zero bytes in front up to {@code length}, as tough does for KMS signatures; null when already longer. */
    static byte[] leftPad(byte[] sig, int length) {
        if (sig.length > length) {
            return null;
        }
        byte[] out = new byte[length];
        System.arraycopy(sig, 0, out, length - sig.length, sig.length);
        return out;
    }

    static int modulusBytes(RSAPublicKey key) {
        return (key.getModulus().bitLength() + 7) / 8;
    }

    private static boolean verifies(RSAPublicKey key, byte[] message, byte[] sig) {
        try {
            Signature v = Signature.getInstance("RSASSA-PSS");
            v.setParameter(new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1));
            v.initVerify(key);
            v.update(message);
            return v.verify(sig);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static byte[] sha256(byte[] message) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(message);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    @Override
    public void close() {
        client.close();
    }

    @Override
    public String toString() {
        return "KmsSigner[" + where + ", " + publicKey + "]";
    }
}
