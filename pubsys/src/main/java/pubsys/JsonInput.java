package pubsys;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import common.TwoliterException;

/** Reads the JSON inputs of the publishing commands (amis.json, ssm-params.json, expectation files) as objects. */
public final class JsonInput {
    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonInput() {
    }

    /**
     * The top-level object of {@code json}; invalid JSON or another top-level value is bad input naming
     * {@code where} and the {@code expected} shape (e.g. "region -> image").
     */
    public static JsonNode object(String json, String where, String expected) throws TwoliterException {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw TwoliterException.badInput(where + ": invalid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw TwoliterException.badInput(where + ": expected an object of " + expected);
        }
        return root;
    }
}
