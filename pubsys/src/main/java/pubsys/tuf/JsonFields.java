package pubsys.tuf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import common.TwoliterException;
import java.time.Instant;

/** Required-field reads whose errors name the field and the file. */
final class JsonFields {
    private JsonFields() {
    }

    static JsonNode required(JsonNode node, String field, String file) throws TwoliterException {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            throw TwoliterException.badInput("TUF file '" + file + "' lacks '" + field + "'");
        }
        return v;
    }

    static String text(JsonNode node, String field, String file) throws TwoliterException {
        JsonNode v = required(node, field, file);
        if (!v.isTextual()) {
            throw TwoliterException.badInput("'" + field + "' in '" + file + "' must be a string, got '" + v + "'");
        }
        return v.textValue();
    }

    static long number(JsonNode node, String field, String file) throws TwoliterException {
        JsonNode v = required(node, field, file);
        if (!v.canConvertToExactIntegral() || !v.canConvertToLong() || v.asLong() < 0) {
            throw TwoliterException.badInput(
                    "'" + field + "' in '" + file + "' must be a non-negative integer, got '" + v + "'");
        }
        return v.asLong();
    }

    static ObjectNode object(JsonNode node, String field, String file) throws TwoliterException {
        JsonNode v = required(node, field, file);
        if (!v.isObject()) {
            throw TwoliterException.badInput("'" + field + "' in '" + file + "' must be an object");
        }
        return (ObjectNode) v;
    }

    static Instant expires(JsonNode node, String file) throws TwoliterException {
        return TufJson.parseDatetime(text(node, "expires", file), "'expires' in '" + file + "'");
    }

    /** Checks {@code _type} and, for non-root roles, that {@code spec_version} is 1.0.0 as tough demands (§4.2). */
    static String header(JsonNode node, Role role, String file) throws TwoliterException {
        String type = text(node, "_type", file);
        if (!type.equals(role.jsonName())) {
            throw TwoliterException.badInput(
                    "TUF file '" + file + "' has _type '" + type + "', expected '" + role.jsonName() + "'");
        }
        String spec = text(node, "spec_version", file);
        if (role != Role.ROOT && !spec.equals("1.0.0")) {
            throw TwoliterException.badInput("'spec_version' in '" + file + "' must be '1.0.0', got '" + spec + "'");
        }
        return spec;
    }

    static ObjectNode header(Role role, String specVersion, long version, Instant expires) {
        ObjectNode n = TufJson.MAPPER.createObjectNode();
        n.put("_type", role.jsonName());
        n.put("spec_version", specVersion);
        n.put("version", version);
        n.put("expires", TufJson.datetime(expires));
        return n;
    }
}
