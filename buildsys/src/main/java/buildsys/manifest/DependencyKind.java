package buildsys.manifest;

/** The Cargo.toml section a path dependency comes from. */
public enum DependencyKind {
    /** {@code [build-dependencies]}: must be built before this target (RPM BuildRequires). */
    BUILD,
    /** {@code [dependencies]}: pulled in with this target (RPM Requires). */
    NORMAL
}
