package pubsys.tuf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import common.TwoliterException;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/** A targets.json entry: length, hashes (sha256 plus any others kept) and optional {@code custom} metadata. */
public record TargetInfo(long length, Map<String, String> hashes, ObjectNode custom) {
    public TargetInfo {
        hashes = Map.copyOf(hashes);
        if (!hashes.containsKey("sha256")) {
            throw new IllegalArgumentException("a target needs a sha256 hash");
        }
        custom = custom == null ? TufJson.MAPPER.createObjectNode() : custom.deepCopy();
    }

    public static TargetInfo of(long length, String sha256, ObjectNode custom) {
        return new TargetInfo(length, Map.of("sha256", Objects.requireNonNull(sha256)), custom);
    }

    public String sha256() {
        return hashes.get("sha256");
    }

    @Override
    public ObjectNode custom() {
        return custom.deepCopy();
    }

    ObjectNode toJson() {
        ObjectNode n = TufJson.MAPPER.createObjectNode();
        n.put("length", length);
        ObjectNode h = n.putObject("hashes");
        new TreeMap<>(hashes).forEach(h::put);
        // tough omits 'custom' when it is empty (§4.2).
        if (!custom.isEmpty()) {
            n.set("custom", custom.deepCopy());
        }
        return n;
    }

    static TargetInfo fromJson(JsonNode n, String file) throws TwoliterException {
        Map<String, String> hashes = new TreeMap<>();
        for (Map.Entry<String, JsonNode> e : JsonFields.object(n, "hashes", file).properties()) {
            hashes.put(e.getKey(), e.getValue().asText());
        }
        if (!hashes.containsKey("sha256")) {
            throw TwoliterException.badInput("a target in '" + file + "' has no sha256 hash");
        }
        JsonNode custom = n.get("custom");
        return new TargetInfo(JsonFields.number(n, "length", file), hashes,
                custom != null && custom.isObject() ? (ObjectNode) custom : null);
    }
}
