package pubsys.tuf;

import java.util.List;

/** A role entry of root.json: which key ids may sign it and how many signatures it needs. */
public record RoleKeys(List<String> keyids, int threshold) {
    public RoleKeys {
        keyids = List.copyOf(keyids);
        if (threshold < 1) {
            throw new IllegalArgumentException("a role's 'threshold' must be at least 1, got " + threshold);
        }
    }
}
