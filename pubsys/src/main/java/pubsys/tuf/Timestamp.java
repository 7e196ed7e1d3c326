package pubsys.tuf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import common.TwoliterException;
import java.time.Instant;
import java.util.Objects;

/** timestamp.json's {@code signed}: the one {@code meta} entry for snapshot.json. */
public record Timestamp(long version, Instant expires, MetaInfo snapshot) implements Metadata {
    public Timestamp {
        Objects.requireNonNull(expires);
        Objects.requireNonNull(snapshot);
    }

    @Override
    public Role role() {
        return Role.TIMESTAMP;
    }

    @Override
    public ObjectNode toJson() {
        ObjectNode n = JsonFields.header(Role.TIMESTAMP, "1.0.0", version, expires);
        n.putObject("meta").set("snapshot.json", snapshot.toJson());
        return n;
    }

    static Timestamp fromJson(JsonNode n, String file) throws TwoliterException {
        JsonFields.header(n, Role.TIMESTAMP, file);
        JsonNode meta = JsonFields.object(JsonFields.object(n, "meta", file), "snapshot.json", file);
        return new Timestamp(JsonFields.number(n, "version", file), JsonFields.expires(n, file),
                MetaInfo.fromJson(meta, file));
    }
}
