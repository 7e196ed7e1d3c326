package pubsys.tuf;

import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;

/** The three TUF signature schemes tough supports, with their JSON names and JDK algorithms (pubsys.md §4.4-4.5). */
enum KeyScheme {
    RSA("rsa", "rsassa-pss-sha256", "RSA"),
    ED25519("ed25519", "ed25519", "Ed25519"),
    ECDSA("ecdsa", "ecdsa-sha2-nistp256", "EC");

    final String keytype;
    final String scheme;
    final String jcaKeyAlgorithm;

    KeyScheme(String keytype, String scheme, String jcaKeyAlgorithm) {
        this.keytype = keytype;
        this.scheme = scheme;
        this.jcaKeyAlgorithm = jcaKeyAlgorithm;
    }

    /** The scheme for a key's JSON names, or null; {@code ecdsa-sha2-nistp256} is tough's legacy ECDSA keytype. */
    static KeyScheme of(String keytype, String scheme) {
        for (KeyScheme s : values()) {
            boolean typeOk = s.keytype.equals(keytype) || (s == ECDSA && "ecdsa-sha2-nistp256".equals(keytype));
            if (typeOk && s.scheme.equals(scheme)) {
                return s;
            }
        }
        return null;
    }

    Signature newSignature() throws GeneralSecurityException {
        switch (this) {
            case RSA: {
                // RSASSA-PSS, SHA-256, MGF1-SHA-256, salt 32: ring's RSA_PSS_SHA256 and KMS RSASSA_PSS_SHA_256.
                Signature s = Signature.getInstance("RSASSA-PSS");
                s.setParameter(new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1));
                return s;
            }
            case ED25519:
                return Signature.getInstance("Ed25519");
            default:
                // ASN.1 DER signature, as TUF's ecdsa-sha2-nistp256 expects.
                return Signature.getInstance("SHA256withECDSA");
        }
    }
}
