package buildsys.manifest;

import java.util.Objects;
import java.util.Optional;

/** {@code [package.metadata.build-kit]}: a kit, the yum repository of its packages shipped as an OCI image. */
public record KitSpec(String vendor, Optional<String> kitNameOverride) implements BuildMetadata {
    public KitSpec {
        Objects.requireNonNull(vendor);
        Objects.requireNonNull(kitNameOverride);
    }

    @Override
    public ManifestKind kind() {
        return ManifestKind.KIT;
    }
}
