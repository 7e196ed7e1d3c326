package buildsys.manifest;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** {@code [package.metadata.build-package]}: how to build one RPM package. */
public record PackageSpec(String packageName, List<String> sourceGroups, List<ExternalFile> externalFiles)
        implements BuildMetadata {
    public PackageSpec {
        Objects.requireNonNull(packageName);
        sourceGroups = List.copyOf(sourceGroups);
        externalFiles = List.copyOf(externalFiles);
    }

    /** The external file whose Go module bundle has this file name. */
    public Optional<ExternalFile> bundling(String bundleName) {
        return externalFiles.stream().filter(f -> f.goBundle().equals(Optional.of(bundleName))).findFirst();
    }

    @Override
    public ManifestKind kind() {
        return ManifestKind.PACKAGE;
    }
}
