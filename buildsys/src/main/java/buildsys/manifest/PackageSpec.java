package buildsys.manifest;

import java.util.List;
import java.util.Objects;

/** {@code [package.metadata.build-package]}: how to build one RPM package. */
public record PackageSpec(String packageName, List<String> sourceGroups, List<ExternalFile> externalFiles)
        implements BuildMetadata {
    public PackageSpec {
        Objects.requireNonNull(packageName);
        sourceGroups = List.copyOf(sourceGroups);
        externalFiles = List.copyOf(externalFiles);
    }

    @Override
    public ManifestKind kind() {
        return ManifestKind.PACKAGE;
    }
}
