package pubsys.tuf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import common.TwoliterException;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * targets.json's {@code signed}. {@code delegations} is kept as read (a fresh repo writes empty ones, §4.2) and
 * {@code extra} holds unknown fields, which tough preserves.
 */
public record Targets(long version, Instant expires, Map<String, TargetInfo> targets, JsonNode delegations,
                      ObjectNode extra) implements Metadata {
    private static final Set<String> KNOWN =
            Set.of("_type", "spec_version", "version", "expires", "targets", "delegations");

    public Targets {
        Objects.requireNonNull(expires);
        targets = Map.copyOf(targets);
        delegations = delegations == null ? emptyDelegations() : delegations.deepCopy();
        extra = extra == null ? TufJson.MAPPER.createObjectNode() : extra.deepCopy();
    }

    public static Targets fresh(long version, Instant expires, Map<String, TargetInfo> targets) {
        return new Targets(version, expires, targets, null, null);
    }

    @Override
    public Role role() {
        return Role.TARGETS;
    }

    public Targets with(long newVersion, Instant newExpires, Map<String, TargetInfo> newTargets) {
        return new Targets(newVersion, newExpires, newTargets, delegations, extra);
    }

    @Override
    public ObjectNode toJson() {
        ObjectNode n = JsonFields.header(Role.TARGETS, "1.0.0", version, expires);
        ObjectNode t = n.putObject("targets");
        new TreeMap<>(targets).forEach((name, info) -> t.set(name, info.toJson()));
        n.set("delegations", delegations.deepCopy());
        extra.properties().forEach(e -> n.set(e.getKey(), e.getValue().deepCopy()));
        return n;
    }

    static Targets fromJson(JsonNode n, String file) throws TwoliterException {
        JsonFields.header(n, Role.TARGETS, file);
        Map<String, TargetInfo> targets = new TreeMap<>();
        for (Map.Entry<String, JsonNode> e : JsonFields.object(n, "targets", file).properties()) {
            targets.put(e.getKey(), TargetInfo.fromJson(e.getValue(), file));
        }
        ObjectNode extra = TufJson.MAPPER.createObjectNode();
        n.properties().forEach(e -> {
            if (!KNOWN.contains(e.getKey())) {
                extra.set(e.getKey(), e.getValue());
            }
        });
        JsonNode delegations = n.get("delegations");
        return new Targets(JsonFields.number(n, "version", file), JsonFields.expires(n, file), targets,
                delegations == null || delegations.isNull() ? null : delegations, extra);
    }

    private static JsonNode emptyDelegations() {
        ObjectNode d = TufJson.MAPPER.createObjectNode();
        d.putObject("keys");
        d.putArray("roles");
        return d;
    }
}
