package pubsys.manifest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import common.TwoliterException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Reads and writes manifest.json with upstream's field names and order (reference §6). */
final class ManifestJson {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    // serde_json's pretty style: two-space indent, "key": value, empty containers as {} and [].
    private static final DefaultPrettyPrinter PRETTY = new DefaultPrettyPrinter(Separators.createDefaultInstance()
            .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
            .withObjectEmptySeparator("")
            .withArrayEmptySeparator(""))
            .withArrayIndenter(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE.withLinefeed("\n"))
            .withObjectIndenter(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE.withLinefeed("\n"));

    private ManifestJson() {
    }

    static byte[] write(Manifest manifest) {
        ObjectNode root = MAPPER.createObjectNode();
        ArrayNode updates = root.putArray("updates");
        for (Update update : manifest.updates()) {
            ObjectNode node = updates.addObject();
            node.put("variant", update.variant());
            node.put("arch", update.arch());
            node.put("version", update.version().toString());
            node.put("max_version", update.maxVersion().toString());
            ObjectNode waves = node.putObject("waves");
            update.waves().forEach((seed, time) -> waves.put(Integer.toString(seed), time.toString()));
            ObjectNode images = node.putObject("images");
            images.put("boot", update.images().boot());
            images.put("root", update.images().root());
            images.put("hash", update.images().hash());
        }
        ObjectNode migrations = root.putObject("migrations");
        manifest.migrations().forEach((key, files) -> {
            ArrayNode list = migrations.putArray(key.toString());
            files.forEach(list::add);
        });
        try {
            return (MAPPER.writer(PRETTY).writeValueAsString(root) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree must serialise", e);
        }
    }

    static Manifest read(byte[] json, String name) throws TwoliterException {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw TwoliterException.badInput("manifest '" + name + "' is not valid JSON at line "
                    + (e.getLocation() == null ? "?" : e.getLocation().getLineNr()) + ": " + e.getOriginalMessage()
                    + "; fix or regenerate the file");
        } catch (IOException e) {
            throw new IllegalStateException("reading bytes in memory cannot fail", e);
        }
        Fields fields = new Fields(name);
        JsonNode updatesNode = fields.required(root, "updates", "");
        if (!updatesNode.isArray()) {
            throw fields.wrong("updates", "an array");
        }
        List<Update> updates = new ArrayList<>();
        for (int i = 0; i < updatesNode.size(); i++) {
            updates.add(readUpdate(updatesNode.get(i), "updates[" + i + "]", fields));
        }
        return new Manifest(updates, readMigrations(fields.required(root, "migrations", ""), fields));
    }

    private static Update readUpdate(JsonNode node, String path, Fields fields) throws TwoliterException {
        if (!node.isObject()) {
            throw fields.wrong(path, "an object");
        }
        JsonNode images = fields.required(node, "images", path);
        String imagesPath = path + ".images";
        return new Update(fields.string(node, "variant", path), fields.string(node, "arch", path),
                fields.version(node, "version", path), fields.version(node, "max_version", path),
                readWaves(fields.required(node, "waves", path), path + ".waves", fields),
                new Images(fields.string(images, "boot", imagesPath), fields.string(images, "root", imagesPath),
                        fields.string(images, "hash", imagesPath)));
    }

    private static TreeMap<Integer, Instant> readWaves(JsonNode node, String path, Fields fields)
            throws TwoliterException {
        if (!node.isObject()) {
            throw fields.wrong(path, "an object of seed to datetime");
        }
        TreeMap<Integer, Instant> waves = new TreeMap<>();
        for (Map.Entry<String, JsonNode> wave : node.properties()) {
            int seed = Seeds.parse(wave.getKey(), path, fields);
            if (waves.put(seed, Seeds.time(wave.getValue(), path + ".\"" + wave.getKey() + "\"", fields)) != null) {
                throw fields.problem(path, "has the seed " + seed + " twice");
            }
        }
        return waves;
    }

    private static Map<MigrationKey, List<String>> readMigrations(JsonNode node, Fields fields)
            throws TwoliterException {
        if (!node.isObject()) {
            throw fields.wrong("migrations", "an object");
        }
        Map<MigrationKey, List<String>> migrations = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            String path = "migrations.\"" + entry.getKey() + "\"";
            MigrationKey key;
            try {
                key = MigrationKey.parse(entry.getKey());
            } catch (TwoliterException e) {
                throw fields.problem("migrations", e.getMessage());
            }
            if (!entry.getValue().isArray()) {
                throw fields.wrong(path, "an array of file names");
            }
            List<String> files = new ArrayList<>();
            for (JsonNode file : entry.getValue()) {
                if (!file.isTextual()) {
                    throw fields.wrong(path, "an array of file names");
                }
                files.add(file.asText());
            }
            if (migrations.put(key, files) != null) {
                throw fields.problem("migrations", "has the versions " + key + " twice");
            }
        }
        return migrations;
    }
}
