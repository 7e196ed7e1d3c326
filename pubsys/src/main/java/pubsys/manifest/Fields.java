package pubsys.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import common.TwoliterException;

/** Typed field access on a JSON tree whose errors name the manifest file and the field path. */
final class Fields {
    private final String file;

    Fields(String file) {
        this.file = file;
    }

    JsonNode required(JsonNode node, String key, String parent) throws TwoliterException {
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            throw problem(join(parent, key), "is missing; regenerate the manifest or add the field");
        }
        return value;
    }

    String string(JsonNode node, String key, String parent) throws TwoliterException {
        JsonNode value = required(node, key, parent);
        if (!value.isTextual()) {
            throw wrong(join(parent, key), "a string");
        }
        return value.asText();
    }

    Version version(JsonNode node, String key, String parent) throws TwoliterException {
        String text = string(node, key, parent);
        try {
            return Version.parse(text);
        } catch (TwoliterException e) {
            throw problem(join(parent, key), "is invalid: " + e.getMessage());
        }
    }

    TwoliterException wrong(String path, String expected) {
        return problem(path, "must be " + expected);
    }

    TwoliterException problem(String path, String problem) {
        return TwoliterException.badInput("manifest '" + file + "': '" + path + "' " + problem);
    }

    private static String join(String parent, String key) {
        return parent.isEmpty() ? key : parent + "." + key;
    }
}
