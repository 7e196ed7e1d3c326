package buildsys.kits;

import java.util.Objects;

/**
 * A locked image as {@code external-kit-metadata.json} records it (a kit or the SDK): its name, vendor and version,
 * the original source URI and the lock's digest (base64 of the canonical manifest's sha256, not a registry digest).
 */
public record ExternalImage(String name, String vendor, String version, String source, String digest) {
    public ExternalImage {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(vendor, "vendor");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(digest, "digest");
    }

    /** Upstream's display form of a locked image: {@code core-kit-1.0.0@local}. */
    public String display() {
        return name + "-" + version + "@" + vendor;
    }
}
