package pubsys.tuf;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;

/** Generates private key files in the formats tough reads (§4.6), with the JDK and a little DER. */
final class TestKeys {
    enum Kind { RSA_PKCS1, RSA_PKCS8, ED25519, ECDSA }

    private TestKeys() {
    }

    static Path write(Path dir, Kind kind) throws Exception {
        Path file = dir.resolve(kind.name().toLowerCase() + (kind.name().startsWith("RSA") ? ".pem" : ".der"));
        Files.write(file, generate(kind));
        return file;
    }

    static byte[] generate(Kind kind) throws Exception {
        switch (kind) {
            case RSA_PKCS1:
            case RSA_PKCS8: {
                KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
                g.initialize(2048);
                byte[] pkcs8 = g.generateKeyPair().getPrivate().getEncoded();
                if (kind == Kind.RSA_PKCS8) {
                    return pem("PRIVATE KEY", pkcs8);
                }
                byte[] pkcs1 = Der.single(pkcs8).children().get(2).value();
                return pem("RSA PRIVATE KEY", pkcs1);
            }
            case ED25519: {
                KeyPair kp = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
                byte[] priv = kp.getPrivate().getEncoded();
                byte[] seed = Arrays.copyOfRange(priv, priv.length - 32, priv.length);
                byte[] spki = kp.getPublic().getEncoded();
                byte[] pub = Arrays.copyOfRange(spki, spki.length - 32, spki.length);
                // PKCS#8 v2 (RFC 8410) with the public key, the form ring requires.
                return Der.tlv(Der.SEQUENCE, Der.tlv(Der.INTEGER, new byte[] {1}),
                        Der.tlv(Der.SEQUENCE, Der.tlv(Der.OID, KeyCodec.OID_ED25519)),
                        Der.tlv(Der.OCTET_STRING, Der.tlv(Der.OCTET_STRING, seed)),
                        Der.tlv(0x81, new byte[] {0}, pub));
            }
            default: {
                KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
                g.initialize(new ECGenParameterSpec("secp256r1"));
                KeyPair kp = g.generateKeyPair();
                byte[] d = fixed(((ECPrivateKey) kp.getPrivate()).getS());
                ECPublicKey pub = (ECPublicKey) kp.getPublic();
                byte[] point = concat(new byte[] {4}, fixed(pub.getW().getAffineX()), fixed(pub.getW().getAffineY()));
                byte[] ecKey = Der.tlv(Der.SEQUENCE, Der.tlv(Der.INTEGER, new byte[] {1}),
                        Der.tlv(Der.OCTET_STRING, d), Der.tlv(0xa1, Der.tlv(Der.BIT_STRING, new byte[] {0}, point)));
                return Der.tlv(Der.SEQUENCE, Der.tlv(Der.INTEGER, new byte[] {0}),
                        Der.tlv(Der.SEQUENCE, Der.tlv(Der.OID, KeyCodec.OID_EC), Der.tlv(Der.OID, KeyCodec.OID_P256)),
                        Der.tlv(Der.OCTET_STRING, ecKey));
            }
        }
    }

    static byte[] pem(String label, byte[] der) {
        return (KeyCodec.pem(label, der) + "\n").getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] fixed(BigInteger v) {
        byte[] raw = v.toByteArray();
        byte[] out = new byte[32];
        int n = Math.min(32, raw.length);
        System.arraycopy(raw, raw.length - n, out, 32 - n, n);
        return out;
    }

    private static byte[] concat(byte[]... parts) {
        int len = 0;
        for (byte[] p : parts) {
            len += p.length;
        }
        byte[] out = new byte[len];
        int pos = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, pos, p.length);
            pos += p.length;
        }
        return out;
    }
}
