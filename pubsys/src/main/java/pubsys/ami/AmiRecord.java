package pubsys.ami;

import java.util.List;
import java.util.Objects;

/** One region's entry of amis.json: the image id, its name, whether it is public and its launch permissions. */
public record AmiRecord(String id, String name, boolean isPublic, List<LaunchPermission> launchPermissions) {
    public AmiRecord {
        Objects.requireNonNull(id);
        Objects.requireNonNull(name);
        launchPermissions = List.copyOf(launchPermissions);
    }

    /** A freshly registered or copied image: private, no permissions. */
    public static AmiRecord fresh(String id, String name) {
        return new AmiRecord(id, name, false, List.of());
    }
}
