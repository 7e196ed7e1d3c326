package pubsys.tuf;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/** Encodes public keys the way tough writes them in key JSON, and decodes them back into JDK keys (§4.4). */
final class KeyCodec {
    static final byte[] OID_RSA = HexFormat.of().parseHex("2a864886f70d010101");
    static final byte[] OID_ED25519 = HexFormat.of().parseHex("2b6570");
    static final byte[] OID_EC = HexFormat.of().parseHex("2a8648ce3d0201");
    static final byte[] OID_P256 = HexFormat.of().parseHex("2a8648ce3d030107");

    private KeyCodec() {
    }

    /** The {@code keyval.public} string for a JDK public key: PEM SPKI for RSA and ECDSA, 32-byte hex for Ed25519. */
    static String publicValue(KeyScheme scheme, PublicKey key) {
        byte[] spki = key.getEncoded();
        if (scheme == KeyScheme.ED25519) {
            return HexFormat.of().formatHex(Arrays.copyOfRange(spki, spki.length - 32, spki.length));
        }
        return pem("PUBLIC KEY", spki);
    }

    /** A JDK public key from a {@code keyval.public} string; PEM or hex for ECDSA (tough's EcdsaFlex). */
    static PublicKey decodePublic(KeyScheme scheme, String value) throws GeneralSecurityException {
        byte[] spki;
        if (scheme == KeyScheme.ED25519) {
            spki = spki(OID_ED25519, null, parseHex(value));
        } else if (value.startsWith("-----BEGIN")) {
            spki = pemBody(value, "PUBLIC KEY");
        } else if (scheme == KeyScheme.ECDSA) {
            spki = spki(OID_EC, OID_P256, parseHex(value));
        } else {
            throw new GeneralSecurityException("an RSA public key must be a PEM 'PUBLIC KEY'");
        }
        return KeyFactory.getInstance(scheme.jcaKeyAlgorithm).generatePublic(new X509EncodedKeySpec(spki));
    }

    static byte[] spki(byte[] algorithmOid, byte[] curveOid, byte[] keyBits) {
        byte[] alg = curveOid == null
                ? Der.tlv(Der.SEQUENCE, Der.tlv(Der.OID, algorithmOid))
                : Der.tlv(Der.SEQUENCE, Der.tlv(Der.OID, algorithmOid), Der.tlv(Der.OID, curveOid));
        return Der.tlv(Der.SEQUENCE, alg, Der.tlv(Der.BIT_STRING, new byte[] {0}, keyBits));
    }

    /** PEM with LF line endings and 64-character lines, no trailing newline (tough trims it). */
    static String pem(String label, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + label + "-----\n" + body + "\n-----END " + label + "-----";
    }

    /** The DER inside the first PEM block labelled {@code label}, or null when there is none. */
    static byte[] pemBody(String text, String label) throws GeneralSecurityException {
        String begin = "-----BEGIN " + label + "-----";
        String end = "-----END " + label + "-----";
        int from = text.indexOf(begin);
        int to = from < 0 ? -1 : text.indexOf(end, from);
        if (from < 0 || to < 0) {
            return null;
        }
        try {
            return Base64.getMimeDecoder().decode(text.substring(from + begin.length(), to));
        } catch (IllegalArgumentException e) {
            throw new GeneralSecurityException("PEM '" + label + "' has invalid base64");
        }
    }

    private static byte[] parseHex(String hex) throws GeneralSecurityException {
        try {
            return HexFormat.of().parseHex(hex);
        } catch (IllegalArgumentException e) {
            throw new GeneralSecurityException("public key is not hex");
        }
    }
}
