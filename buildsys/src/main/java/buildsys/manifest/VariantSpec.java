package buildsys.manifest;

import common.Arch;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/** {@code [package.metadata.build-variant]}: what goes into a variant's images and how they are laid out. */
public record VariantSpec(VariantName name, List<String> includedPackages, List<String> kernelParameters,
                          ImageFormat imageFormat, Set<Arch> supportedArches, ImageLayout imageLayout,
                          Set<ImageFeature> imageFeatures) implements BuildMetadata {
    public VariantSpec {
        Objects.requireNonNull(name);
        includedPackages = List.copyOf(includedPackages);
        kernelParameters = List.copyOf(kernelParameters);
        Objects.requireNonNull(imageFormat);
        supportedArches = Set.copyOf(supportedArches);
        Objects.requireNonNull(imageLayout);
        imageFeatures = Set.copyOf(imageFeatures);
    }

    @Override
    public ManifestKind kind() {
        return ManifestKind.VARIANT;
    }

    public boolean supports(Arch arch) {
        return supportedArches.contains(arch);
    }
}
