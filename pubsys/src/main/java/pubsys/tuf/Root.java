package pubsys.tuf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import common.TwoliterException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** root.json's {@code signed}: the keys and, per role, which of them sign and how many must. */
public record Root(String specVersion, boolean consistentSnapshot, long version, Instant expires,
                   Map<String, TufKey> keys, Map<Role, RoleKeys> roles) implements Metadata {
    public Root {
        Objects.requireNonNull(specVersion);
        Objects.requireNonNull(expires);
        keys = Map.copyOf(keys);
        roles = Map.copyOf(roles);
        for (Role r : Role.values()) {
            if (!roles.containsKey(r)) {
                throw new IllegalArgumentException("root has no '" + r.jsonName() + "' role");
            }
        }
    }

    @Override
    public Role role() {
        return Role.ROOT;
    }

    public RoleKeys roleKeys(Role role) {
        return roles.get(role);
    }

    @Override
    public ObjectNode toJson() {
        ObjectNode n = JsonFields.header(Role.ROOT, specVersion, version, expires);
        n.put("consistent_snapshot", consistentSnapshot);
        ObjectNode k = n.putObject("keys");
        keys.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> k.set(e.getKey(), e.getValue().json()));
        ObjectNode r = n.putObject("roles");
        for (Role role : Role.values()) {
            ObjectNode entry = r.putObject(role.jsonName());
            ArrayNode ids = entry.putArray("keyids");
            roles.get(role).keyids().forEach(ids::add);
            entry.put("threshold", roles.get(role).threshold());
        }
        return n;
    }

    static Root fromJson(JsonNode n, String file) throws TwoliterException {
        String spec = JsonFields.header(n, Role.ROOT, file);
        JsonNode cs = n.get("consistent_snapshot");
        Map<String, TufKey> keys = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : JsonFields.object(n, "keys", file).properties()) {
            if (!e.getValue().isObject()) {
                throw TwoliterException.badInput("key '" + e.getKey() + "' in '" + file + "' is not an object");
            }
            TufKey key = new TufKey((ObjectNode) e.getValue());
            // tough recomputes every key id and rejects a mismatch (§4.4).
            if (!key.keyId().equals(e.getKey())) {
                throw TwoliterException.badInput("key id '" + e.getKey() + "' in '" + file
                        + "' does not match its key, whose id is '" + key.keyId() + "'");
            }
            keys.put(e.getKey(), key);
        }
        Map<Role, RoleKeys> roles = new EnumMap<>(Role.class);
        ObjectNode rolesJson = JsonFields.object(n, "roles", file);
        for (Role role : Role.values()) {
            JsonNode r = JsonFields.object(rolesJson, role.jsonName(), file);
            List<String> ids = new ArrayList<>();
            JsonFields.required(r, "keyids", file).forEach(id -> ids.add(id.asText()));
            long threshold = JsonFields.number(r, "threshold", file);
            if (threshold < 1 || ids.stream().distinct().count() != ids.size()) {
                throw TwoliterException.badInput("role '" + role.jsonName() + "' in '" + file
                        + "' needs threshold >= 1 and distinct key ids");
            }
            roles.put(role, new RoleKeys(ids, (int) threshold));
        }
        return new Root(spec, cs != null && cs.asBoolean(), JsonFields.number(n, "version", file),
                JsonFields.expires(n, file), keys, roles);
    }
}
