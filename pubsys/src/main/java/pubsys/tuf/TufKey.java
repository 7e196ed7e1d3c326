package pubsys.tuf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Objects;
import java.util.Set;

/**
 * A public key as it appears in root.json's {@code keys} ({@code keytype}, {@code scheme}, {@code keyval.public},
 * plus any extra fields, kept exactly as read so that the key id can be recomputed).
 */
public record TufKey(ObjectNode json) {
    private static final Set<String> KNOWN = Set.of("keytype", "scheme", "keyval");

    public TufKey {
        json = Objects.requireNonNull(json).deepCopy();
    }

    /**
     * The {@code rsa} / {@code rsassa-pss-sha256} key JSON for an RSA public key, exactly as {@link LocalKeySigner}
     * writes it for the same key (so key ids agree whether the private half is a file, SSM or KMS).
     */
    public static TufKey rsa(RSAPublicKey key) {
        return of(KeyScheme.RSA, key);
    }

    static TufKey of(KeyScheme scheme, PublicKey key) {
        ObjectNode json = TufJson.MAPPER.createObjectNode();
        json.put("keytype", scheme.keytype);
        json.putObject("keyval").put("public", KeyCodec.publicValue(scheme, key));
        json.put("scheme", scheme.scheme);
        return new TufKey(json);
    }

    @Override
    public ObjectNode json() {
        return json.deepCopy();
    }

    public String keytype() {
        return json.path("keytype").asText();
    }

    public String scheme() {
        return json.path("scheme").asText();
    }

    public String publicValue() {
        return json.path("keyval").path("public").asText();
    }

    /** Lowercase hex sha256 of the canonical JSON of the key as written (pubsys.md §4.4). */
    public String keyId() {
        return TufJson.sha256Hex(CanonicalJson.bytes(json));
    }

    KeyScheme keyScheme() throws GeneralSecurityException {
        KeyScheme s = KeyScheme.of(keytype(), scheme());
        if (s == null) {
            throw new GeneralSecurityException("unsupported keytype '" + keytype() + "' / scheme '" + scheme() + "'");
        }
        return s;
    }

    PublicKey publicKey() throws GeneralSecurityException {
        return KeyCodec.decodePublic(keyScheme(), publicValue());
    }

    /**
     * Whether a signing key is this root key: same keytype, scheme and decoded public key, and no extra fields on
     * either side (tough's match rule, §4.5: PEM wrapping does not matter, extra fields do).
     */
    boolean sameKeyAs(TufKey other) {
        try {
            return keytype().equals(other.keytype()) && scheme().equals(other.scheme())
                    && !hasExtras() && !other.hasExtras()
                    && Arrays.equals(publicKey().getEncoded(), other.publicKey().getEncoded());
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private boolean hasExtras() {
        for (Iterator<String> it = json.fieldNames(); it.hasNext(); ) {
            if (!KNOWN.contains(it.next())) {
                return true;
            }
        }
        JsonNode keyval = json.path("keyval");
        return keyval.size() != 1;
    }

    @Override
    public String toString() {
        return "TufKey[" + keytype() + "/" + scheme() + " " + keyId() + "]";
    }
}
