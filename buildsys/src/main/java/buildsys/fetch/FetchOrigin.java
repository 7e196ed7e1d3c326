package buildsys.fetch;

/** Where a fetched external file came from, in the order they are tried. */
public enum FetchOrigin {
    /** Already in the machine-wide repository cache. */
    REPOSITORY_CACHE,
    /** Found beside the spec, in the package directory, and copied into the repository cache. */
    PACKAGE_DIR,
    /** Found in a {@code --distdir} directory and copied into the repository cache. */
    DISTDIR,
    /** Downloaded from the lookaside cache. */
    LOOKASIDE,
    /** Downloaded from the file's upstream URL. */
    UPSTREAM
}
