package twoliter.vendor;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import common.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * {@code vendor-manifest.json}: what a vendor directory holds, one entry per item with its kind, name, path below
 * the directory and digest, sorted so that the same content gives the same bytes.
 */
final class VendorManifest {
    static final String FILE = "vendor-manifest.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private VendorManifest() {
    }

    static byte[] bytes(List<VendorItem> items, List<String> relativePaths) {
        ObjectNode root = JSON.createObjectNode();
        root.put("schema", 1);
        ArrayNode entries = root.putArray("entries");
        Integer[] order = new Integer[items.size()];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, Comparator.comparing(i -> items.get(i).key()));
        for (int i : order) {
            VendorItem item = items.get(i);
            ObjectNode entry = entries.addObject();
            entry.put("kind", item.kind().id());
            entry.put("name", item.name());
            entry.put("path", relativePaths.get(i));
            entry.put("digest", item.digest());
        }
        try {
            return (JSON.writeValueAsString(root) + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The digest the directory's manifest records for an item, if it has one (unreadable counts as none). */
    static java.util.Optional<String> recorded(Path dir, VendorItem.Kind kind, String name) {
        Path file = dir.resolve(FILE);
        try {
            if (!Files.isRegularFile(file)) {
                return java.util.Optional.empty();
            }
            for (com.fasterxml.jackson.databind.JsonNode entry : JSON.readTree(file.toFile()).path("entries")) {
                if (entry.path("kind").asText("").equals(kind.id()) && entry.path("name").asText("").equals(name)) {
                    return java.util.Optional.ofNullable(entry.path("digest").asText(null));
                }
            }
        } catch (IOException e) {
            // an unreadable manifest is rewritten by this run
        }
        return java.util.Optional.empty();
    }

    /** Writes the manifest atomically unless it already holds these bytes; true when written. */
    static boolean write(Path dir, byte[] content) throws IOException {
        Path file = dir.resolve(FILE);
        if (Files.isRegularFile(file) && Arrays.equals(Files.readAllBytes(file), content)) {
            return false;
        }
        AtomicFiles.write(file, content);
        return true;
    }
}
