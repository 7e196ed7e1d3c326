package twoliter.kits;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import common.TwoliterException;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import pubsys.tuf.CanonicalJson;

/**
 * The digest Twoliter.lock records for an image (twoliter-cli.md §2.5): standard padded base64 of the sha256 of the
 * OLPC canonical JSON of the tag's manifest or index as fetched. Not the registry's {@code sha256:<hex>} digest: two
 * byte-different serializations of one document share it, so locks are interchangeable with upstream's.
 */
public final class LockDigest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private LockDigest() {
    }

    /** {@code where} names the document for the error message (an image URI or a file). */
    public static String of(byte[] document, String where) throws TwoliterException {
        JsonNode node;
        try {
            node = JSON.readTree(document);
        } catch (IOException e) {
            throw TwoliterException.badInput("the manifest of '" + where + "' is not valid JSON: " + e.getMessage());
        }
        if (node == null || !node.isObject()) {
            throw TwoliterException.badInput("the manifest of '" + where + "' is not a JSON object");
        }
        try {
            return Base64.getEncoder().encodeToString(sha256(CanonicalJson.bytes(node)));
        } catch (IllegalArgumentException e) {
            throw TwoliterException.badInput("the manifest of '" + where + "' cannot be written as canonical JSON: "
                    + e.getMessage());
        }
    }

    static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
