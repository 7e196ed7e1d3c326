package buildsys.kits;

import java.util.Objects;

/** A kit as Twoliter.toml's {@code [[kit]]} names it: name, vendor and version (no source or digest yet). */
public record KitRef(String name, String vendor, String version) {
    public KitRef {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(vendor, "vendor");
        Objects.requireNonNull(version, "version");
    }

    public String display() {
        return name + "-" + version + "@" + vendor;
    }
}
