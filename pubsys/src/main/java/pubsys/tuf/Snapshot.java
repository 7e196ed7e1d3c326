package pubsys.tuf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import common.TwoliterException;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/** snapshot.json's {@code signed}: {@code meta} lists targets.json (and delegated roles), never root.json. */
public record Snapshot(long version, Instant expires, Map<String, MetaInfo> meta) implements Metadata {
    public Snapshot {
        Objects.requireNonNull(expires);
        meta = Map.copyOf(meta);
    }

    @Override
    public Role role() {
        return Role.SNAPSHOT;
    }

    @Override
    public ObjectNode toJson() {
        ObjectNode n = JsonFields.header(Role.SNAPSHOT, "1.0.0", version, expires);
        ObjectNode m = n.putObject("meta");
        new TreeMap<>(meta).forEach((name, info) -> m.set(name, info.toJson()));
        return n;
    }

    static Snapshot fromJson(JsonNode n, String file) throws TwoliterException {
        JsonFields.header(n, Role.SNAPSHOT, file);
        Map<String, MetaInfo> meta = new TreeMap<>();
        for (Map.Entry<String, JsonNode> e : JsonFields.object(n, "meta", file).properties()) {
            meta.put(e.getKey(), MetaInfo.fromJson(e.getValue(), file));
        }
        return new Snapshot(JsonFields.number(n, "version", file), JsonFields.expires(n, file), meta);
    }
}
