package buildsys.cache;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The JSON form of an action-cache entry. Decoding treats the file as untrusted: anything missing, mistyped or
 * invalid (such as an output path with '..') is a {@link BadEntryException} naming the field.
 *
 * <pre>{"format": 1, "actionKey": "<64 hex>",
 *  "outputs": [{"path": "x.rpm", "sha256": "<64 hex>", "size": 123, "executable": false}],
 *  "metadata": {"sdkImageId": "..."}}</pre>
 */
final class EntryCodec {
    static final int FORMAT = 1;

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(SerializationFeature.INDENT_OUTPUT);

    /** Why bytes are not a usable entry; {@code corrupt} is false for a well-formed entry of another format. */
    static final class BadEntryException extends Exception {
        private static final long serialVersionUID = 1L;
        final boolean corrupt;

        BadEntryException(String message, boolean corrupt) {
            super(message);
            this.corrupt = corrupt;
        }
    }

    private EntryCodec() {
    }

    static byte[] encode(String actionKey, ActionResult result) throws JsonProcessingException {
        ObjectNode root = MAPPER.createObjectNode().put("format", FORMAT).put("actionKey", actionKey);
        ArrayNode outputs = root.putArray("outputs");
        for (OutputFile output : result.outputs()) {
            outputs.addObject().put("path", output.path()).put("sha256", output.sha256()).put("size", output.size())
                    .put("executable", output.executable());
        }
        ObjectNode metadata = root.putObject("metadata");
        result.metadata().forEach(metadata::put);
        return MAPPER.writeValueAsBytes(root);
    }

    static ActionResult decode(String actionKey, byte[] bytes) throws BadEntryException {
        JsonNode root = parse(bytes);
        JsonNode format = root.get("format");
        if (format == null || !format.isInt()) {
            throw corrupt("'format' is missing or not an integer");
        }
        if (format.intValue() != FORMAT) {
            throw new BadEntryException("entry has format " + format + ", this twoliter reads format " + FORMAT, false);
        }
        String key = text(root, "actionKey", "");
        if (!key.equals(actionKey)) {
            throw corrupt("'actionKey' is '" + key + "', but the entry is stored under '" + actionKey + "'");
        }
        try {
            return new ActionResult(outputs(root), metadata(root));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw corrupt(e.getMessage());
        }
    }

    private static JsonNode parse(byte[] bytes) throws BadEntryException {
        JsonNode root;
        try {
            root = MAPPER.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw corrupt("unparsable JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw corrupt("unparsable JSON: " + e.getMessage());
        }
        if (root == null || root.isMissingNode()) {
            throw corrupt("empty file");
        }
        if (!root.isObject()) {
            throw corrupt("not a JSON object");
        }
        return root;
    }

    private static List<OutputFile> outputs(JsonNode root) throws BadEntryException {
        JsonNode outputs = root.get("outputs");
        if (outputs == null || !outputs.isArray()) {
            throw corrupt("'outputs' is missing or not an array");
        }
        List<OutputFile> files = new ArrayList<>();
        for (int i = 0; i < outputs.size(); i++) {
            JsonNode output = outputs.get(i);
            String where = "outputs[" + i + "]";
            JsonNode size = output.get("size");
            JsonNode executable = output.get("executable");
            if (size == null || !size.isIntegralNumber() || !size.canConvertToLong()) {
                throw corrupt("'" + where + ".size' is missing or not an integer");
            }
            if (executable == null || !executable.isBoolean()) {
                throw corrupt("'" + where + ".executable' is missing or not a boolean");
            }
            files.add(new OutputFile(text(output, "path", where), text(output, "sha256", where), size.longValue(),
                    executable.booleanValue()));
        }
        return files;
    }

    private static TreeMap<String, String> metadata(JsonNode root) throws BadEntryException {
        JsonNode metadata = root.get("metadata");
        if (metadata == null || !metadata.isObject()) {
            throw corrupt("'metadata' is missing or not an object");
        }
        TreeMap<String, String> values = new TreeMap<>();
        for (Map.Entry<String, JsonNode> field : metadata.properties()) {
            if (!field.getValue().isTextual()) {
                throw corrupt("'metadata." + field.getKey() + "' is not a string");
            }
            values.put(field.getKey(), field.getValue().textValue());
        }
        return values;
    }

    private static String text(JsonNode node, String field, String where) throws BadEntryException {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            throw corrupt("'" + (where.isEmpty() ? "" : where + ".") + field + "' is missing or not a string");
        }
        return value.textValue();
    }

    private static BadEntryException corrupt(String message) {
        return new BadEntryException(message, true);
    }
}
