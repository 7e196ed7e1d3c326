package twoliter.project;

import java.util.Objects;

/** An SDK or kit named in Twoliter.toml: {@code name}, bare semver {@code version} and {@code vendor}. */
public record ImageRef(String name, String version, String vendor) {
    public ImageRef {
        Objects.requireNonNull(name);
        Objects.requireNonNull(version);
        Objects.requireNonNull(vendor);
    }

    /** Upstream's display form, {@code name-version@vendor}. */
    @Override
    public String toString() {
        return name + "-" + version + "@" + vendor;
    }
}
