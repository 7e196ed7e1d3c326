package pubsys.tuf;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.List;

/**
 * Parses private key files the way tough's {@code parse_keypair} does (pubsys.md §4.6): Ed25519 or ECDSA P-256
 * PKCS#8 DER, else PEM {@code PRIVATE KEY} (RSA PKCS#8 only) or {@code RSA PRIVATE KEY} (PKCS#1).
 */
final class PrivateKeyParser {
    /** A parsed key pair and its scheme. */
    record Parsed(KeyScheme scheme, PrivateKey privateKey, PublicKey publicKey) {
        @Override
        public String toString() {
            return "Parsed[" + scheme + "]";
        }
    }

    private PrivateKeyParser() {
    }

    static Parsed parse(byte[] file) throws GeneralSecurityException {
        String text = new String(file, StandardCharsets.ISO_8859_1);
        if (!text.contains("-----BEGIN")) {
            return parseDer(file);
        }
        byte[] pkcs8 = KeyCodec.pemBody(text, "PRIVATE KEY");
        if (pkcs8 != null) {
            if (!Arrays.equals(algorithmOid(pkcs8), KeyCodec.OID_RSA)) {
                // tough accepts Ed25519 and ECDSA keys only as DER; a PEM of them would fail there too.
                throw new GeneralSecurityException(
                        "PEM 'PRIVATE KEY' is not RSA; Ed25519 and ECDSA keys must be PKCS#8 DER files");
            }
            return rsa(pkcs8);
        }
        byte[] pkcs1 = KeyCodec.pemBody(text, "RSA PRIVATE KEY");
        if (pkcs1 != null) {
            // Wrap PKCS#1 RSAPrivateKey in a PKCS#8 PrivateKeyInfo, which the JDK reads.
            return rsa(Der.tlv(Der.SEQUENCE, Der.tlv(Der.INTEGER, new byte[] {0}),
                    Der.tlv(Der.SEQUENCE, Der.tlv(Der.OID, KeyCodec.OID_RSA), Der.tlv(Der.NULL)),
                    Der.tlv(Der.OCTET_STRING, pkcs1)));
        }
        throw new GeneralSecurityException("no PEM 'PRIVATE KEY' or 'RSA PRIVATE KEY' block");
    }

    private static Parsed parseDer(byte[] der) throws GeneralSecurityException {
        byte[] oid = algorithmOid(der);
        if (Arrays.equals(oid, KeyCodec.OID_ED25519)) {
            return ed25519(der);
        }
        if (Arrays.equals(oid, KeyCodec.OID_EC)) {
            return ecdsa(der);
        }
        throw new GeneralSecurityException("DER key is neither Ed25519 nor ECDSA P-256 PKCS#8");
    }

    private static Parsed rsa(byte[] pkcs8) throws GeneralSecurityException {
        KeyFactory kf = KeyFactory.getInstance("RSA");
        PrivateKey priv = kf.generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        if (!(priv instanceof RSAPrivateCrtKey)) {
            throw new GeneralSecurityException("RSA key lacks CRT parameters");
        }
        RSAPrivateCrtKey crt = (RSAPrivateCrtKey) priv;
        PublicKey pub = kf.generatePublic(new RSAPublicKeySpec(crt.getModulus(), crt.getPublicExponent()));
        return new Parsed(KeyScheme.RSA, priv, pub);
    }

    private static Parsed ed25519(byte[] pkcs8) throws GeneralSecurityException {
        // ring (tough) reads PKCS#8 v2: the public key rides along in [1]. The JDK wants v1, so rebuild it.
        List<Der.Tlv> parts = top(pkcs8);
        byte[] seed = Der.single(parts.get(2).value()).value();
        byte[] pubBits = publicBits(parts, 0x81);
        if (seed.length != 32 || pubBits == null || pubBits.length != 33) {
            throw new GeneralSecurityException("Ed25519 PKCS#8 must be v2 with a 32-byte seed and its public key");
        }
        byte[] v1 = Der.tlv(Der.SEQUENCE, Der.tlv(Der.INTEGER, new byte[] {0}), parts.get(1).encoded(),
                Der.tlv(Der.OCTET_STRING, Der.tlv(Der.OCTET_STRING, seed)));
        KeyFactory kf = KeyFactory.getInstance("Ed25519");
        PrivateKey priv = kf.generatePrivate(new PKCS8EncodedKeySpec(v1));
        byte[] spki = KeyCodec.spki(KeyCodec.OID_ED25519, null, Arrays.copyOfRange(pubBits, 1, 33));
        return new Parsed(KeyScheme.ED25519, priv, kf.generatePublic(new X509EncodedKeySpec(spki)));
    }

    private static Parsed ecdsa(byte[] pkcs8) throws GeneralSecurityException {
        List<Der.Tlv> parts = top(pkcs8);
        List<Der.Tlv> alg = parts.get(1).children();
        if (alg.size() < 2 || !Arrays.equals(alg.get(1).value(), KeyCodec.OID_P256)) {
            throw new GeneralSecurityException("ECDSA key is not on curve P-256");
        }
        // ring (tough) requires the public point inside ECPrivateKey ([1]); so do we, as the JDK cannot derive it.
        List<Der.Tlv> ecKey = Der.single(parts.get(2).value()).children();
        byte[] pubBits = publicBits(ecKey, 0xa1);
        if (pubBits == null || pubBits.length != 66) {
            throw new GeneralSecurityException("ECDSA PKCS#8 must include its uncompressed public point");
        }
        KeyFactory kf = KeyFactory.getInstance("EC");
        PrivateKey priv = kf.generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        byte[] spki = KeyCodec.spki(KeyCodec.OID_EC, KeyCodec.OID_P256, Arrays.copyOfRange(pubBits, 1, 66));
        return new Parsed(KeyScheme.ECDSA, priv, kf.generatePublic(new X509EncodedKeySpec(spki)));
    }

    /** The BIT STRING contents (leading unused-bits byte included) under context tag {@code tag}, or null. */
    private static byte[] publicBits(List<Der.Tlv> parts, int tag) {
        for (Der.Tlv t : parts) {
            if (t.tag() == tag) {
                // [1] IMPLICIT BIT STRING in PKCS#8 v2 (0x81); [1] EXPLICIT BIT STRING in ECPrivateKey (0xa1).
                return tag == 0x81 ? t.value() : Der.single(t.value()).value();
            }
        }
        return null;
    }

    private static byte[] algorithmOid(byte[] pkcs8) throws GeneralSecurityException {
        List<Der.Tlv> parts = top(pkcs8);
        return parts.get(1).children().get(0).value();
    }

    private static List<Der.Tlv> top(byte[] pkcs8) throws GeneralSecurityException {
        try {
            Der.Tlv seq = Der.single(pkcs8);
            List<Der.Tlv> parts = seq.children();
            if (seq.tag() != Der.SEQUENCE || parts.size() < 3 || parts.get(1).children().isEmpty()) {
                throw new GeneralSecurityException("not a PKCS#8 PrivateKeyInfo");
            }
            return parts;
        } catch (IllegalArgumentException e) {
            throw new GeneralSecurityException("not a PKCS#8 PrivateKeyInfo: " + e.getMessage());
        }
    }
}
