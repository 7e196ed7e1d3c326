package pubsys.tuf;

import common.ErrorCategory;
import common.TwoliterException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;

/** A {@link Signer} over a private key file on disk, in the formats tough's {@code parse_keypair} accepts. */
public final class LocalKeySigner implements Signer {
    private final KeyScheme scheme;
    private final PrivateKey privateKey;
    private final TufKey publicKey;

    private LocalKeySigner(PrivateKeyParser.Parsed parsed) {
        this.scheme = parsed.scheme();
        this.privateKey = parsed.privateKey();
        this.publicKey = TufKey.of(parsed.scheme(), parsed.publicKey());
    }

    /** Reads RSA (PEM PKCS#1 or PKCS#8), Ed25519 or ECDSA P-256 (PKCS#8 v2 DER) private keys. */
    public static LocalKeySigner fromFile(Path file) throws TwoliterException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new TwoliterException(ErrorCategory.BAD_INPUT, "cannot read signing key '" + file + "': " + e);
        }
        return fromBytes(bytes, file.toString());
    }

    /**
     * A key held as text elsewhere (an SSM parameter, say): the same formats as {@link #fromFile}. Errors name
     * {@code displayName} only; the key text never reaches an exception or {@link #toString()}.
     */
    public static LocalKeySigner fromPem(String keyText, String displayName) throws TwoliterException {
        return fromBytes(keyText.getBytes(StandardCharsets.ISO_8859_1), displayName);
    }

    /** Key bytes (PEM text or PKCS#8 DER) from any source; {@code displayName} names it in errors. */
    public static LocalKeySigner fromBytes(byte[] keyBytes, String displayName) throws TwoliterException {
        try {
            LocalKeySigner signer = new LocalKeySigner(PrivateKeyParser.parse(keyBytes));
            signer.selfCheck();
            return signer;
        } catch (GeneralSecurityException | RuntimeException e) {
            // The message names the source only; key material never reaches an exception (nor does the cause,
            // whose message a parser might have built from the input).
            throw TwoliterException.badInput("signing key '" + displayName + "' is not a key tough accepts ("
                    + safeReason(e) + "); use RSA PEM (PKCS#1 or PKCS#8), or Ed25519 / ECDSA P-256 PKCS#8 DER");
        }
    }

    /** JDK and parser security messages describe structure, not content; other failures are reduced to their type. */
    private static String safeReason(Exception e) {
        return e instanceof GeneralSecurityException ? e.getMessage() : e.getClass().getSimpleName();
    }

    @Override
    public TufKey publicKey() {
        return publicKey;
    }

    @Override
    public byte[] sign(byte[] message) throws TwoliterException {
        try {
            Signature s = scheme.newSignature();
            s.initSign(privateKey);
            s.update(message);
            return s.sign();
        } catch (GeneralSecurityException e) {
            throw new TwoliterException(ErrorCategory.FAILURE,
                    "signing with key '" + publicKey.keyId() + "' failed: " + e.getMessage());
        }
    }

    /** A key file whose embedded public key does not belong to its private key must fail now, not at a client. */
    private void selfCheck() throws GeneralSecurityException, TwoliterException {
        byte[] probe = "twoliter key check".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        Signature v = scheme.newSignature();
        v.initVerify(publicKey.publicKey());
        v.update(probe);
        if (!v.verify(sign(probe))) {
            throw new GeneralSecurityException("its public key does not match its private key");
        }
    }

    @Override
    public String toString() {
        return "LocalKeySigner[" + publicKey + "]";
    }
}
