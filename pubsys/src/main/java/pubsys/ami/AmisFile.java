package pubsys.ami;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import common.AtomicFiles;
import common.ErrorCategory;
import common.TwoliterException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import pubsys.JsonInput;

/**
 * amis.json: region to {@code {id, name, public, launch_permissions}} (pubsys.md §10 step 9). Written atomically, in
 * the order of the map given (the base region first), so a reader never sees half a file.
 */
public final class AmisFile {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private AmisFile() {
    }

    public static Map<String, AmiRecord> read(Path file) throws TwoliterException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw TwoliterException.badInput("'" + file + "' does not exist; run 'twoliter make ami' first, or point"
                    + " to the amis.json to use");
        } catch (IOException e) {
            throw new TwoliterException(ErrorCategory.FAILURE, "cannot read '" + file + "': " + e.getMessage());
        }
        return parse(new String(bytes, StandardCharsets.UTF_8), file.toString());
    }

    public static Map<String, AmiRecord> parse(String json, String where) throws TwoliterException {
        JsonNode root = JsonInput.object(json, where, "region -> image");
        Map<String, AmiRecord> out = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = root.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> e = fields.next();
            out.put(e.getKey(), record(e.getValue(), where + ": region '" + e.getKey() + "'"));
        }
        return out;
    }

    static AmiRecord record(JsonNode n, String where) throws TwoliterException {
        if (!n.isObject() || !n.path("id").isTextual() || !n.path("name").isTextual()) {
            throw TwoliterException.badInput(where + ": expected {\"id\": ..., \"name\": ..., ...}");
        }
        List<LaunchPermission> perms = new ArrayList<>();
        JsonNode list = n.path("launch_permissions");
        if (list.isArray()) {
            for (JsonNode p : list) {
                if (!p.isObject() || p.size() != 1) {
                    throw TwoliterException.badInput(where + ": launch permission " + p + " must have exactly one"
                            + " key");
                }
                String key = p.fieldNames().next();
                perms.add(new LaunchPermission(LaunchPermission.Kind.fromKey(key), p.get(key).asText()));
            }
        }
        return new AmiRecord(n.get("id").asText(), n.get("name").asText(), n.path("public").asBoolean(false), perms);
    }

    public static String render(Map<String, AmiRecord> amis) {
        ObjectNode root = JSON.createObjectNode();
        amis.forEach((region, r) -> root.set(region, node(r)));
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static ObjectNode node(AmiRecord r) {
        ObjectNode n = JSON.createObjectNode().put("id", r.id()).put("name", r.name()).put("public", r.isPublic());
        ArrayNode perms = n.putArray("launch_permissions");
        for (LaunchPermission p : r.launchPermissions()) {
            perms.addObject().put(p.kind().key(), p.value());
        }
        return n;
    }

    public static void write(Path file, Map<String, AmiRecord> amis) throws TwoliterException {
        try {
            AtomicFiles.write(file, render(amis).getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new TwoliterException(ErrorCategory.FAILURE, "cannot write '" + file + "': " + e.getMessage());
        }
    }
}
