package buildsys.manifest;

/** The {@code [package.metadata.build-*]} table of a manifest: one of package, kit or variant. */
public sealed interface BuildMetadata permits PackageSpec, KitSpec, VariantSpec {
    ManifestKind kind();
}
