package buildsys.manifest;

/** Which buildsys metadata table a Cargo.toml carries. */
public enum ManifestKind {
    PACKAGE("build-package"),
    KIT("build-kit"),
    VARIANT("build-variant");

    private final String table;

    ManifestKind(String table) {
        this.table = table;
    }

    /** The key under {@code [package.metadata]}. */
    public String table() {
        return table;
    }
}
