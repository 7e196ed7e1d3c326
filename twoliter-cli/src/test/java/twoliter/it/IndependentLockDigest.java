package twoliter.it;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;

/**
 * The lock digest rule (base64 of sha256 of the canonical JSON of a tag's index), written with plain Jackson
 * (sorted keys, compact) rather than the product's CanonicalJson, so tests check the product against it.
 */
final class IndependentLockDigest {
    private IndependentLockDigest() {
    }

    static String of(byte[] index) throws Exception {
        ObjectMapper sorted = new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);
        Object tree = sorted.readValue(index, Object.class);
        byte[] canonical = sorted.writeValueAsString(tree).getBytes(StandardCharsets.UTF_8);
        return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(canonical));
    }
}
