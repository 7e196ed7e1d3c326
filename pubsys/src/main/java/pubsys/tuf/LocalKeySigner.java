package pubsys.tuf;

import common.ErrorCategory;
import common.TwoliterException;
import java.io.IOException;
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
        try {
            LocalKeySigner signer = new LocalKeySigner(PrivateKeyParser.parse(bytes));
            signer.selfCheck();
            return signer;
        } catch (GeneralSecurityException | RuntimeException e) {
            // The message names the file only; key material never reaches an exception.
            throw TwoliterException.badInput("signing key '" + file + "' is not a key tough accepts ("
                    + e.getMessage() + "); use RSA PEM (PKCS#1 or PKCS#8), or Ed25519 / ECDSA P-256 PKCS#8 DER");
        }
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
