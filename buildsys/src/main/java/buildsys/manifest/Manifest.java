package buildsys.manifest;

import java.util.List;
import java.util.Objects;

/**
 * One parsed Cargo.toml of the workspace: a package, kit or variant with its path dependencies.
 *
 * @param file the manifest path relative to the project root, as error messages print it
 */
public record Manifest(Label label, String file, String cargoName, BuildMetadata metadata,
                       List<PathDependency> dependencies) {
    public Manifest {
        Objects.requireNonNull(label);
        Objects.requireNonNull(file);
        Objects.requireNonNull(cargoName);
        Objects.requireNonNull(metadata);
        dependencies = List.copyOf(dependencies);
    }

    public ManifestKind kind() {
        return metadata.kind();
    }

    /**
     * The name users and build steps know the target by: the package name (with {@code package-name} applied), the
     * kit's Cargo name, or the variant's directory name.
     */
    public String name() {
        if (metadata instanceof PackageSpec p) {
            return p.packageName();
        }
        if (metadata instanceof VariantSpec v) {
            return v.name().name();
        }
        return cargoName;
    }
}
