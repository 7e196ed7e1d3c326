package pubsys.manifest;

import java.util.Objects;

/** The file names of an update's boot, root and dm-verity hash images, as targets of the TUF repository. */
public record Images(String boot, String root, String hash) {
    public Images {
        Objects.requireNonNull(boot, "boot");
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(hash, "hash");
    }
}
