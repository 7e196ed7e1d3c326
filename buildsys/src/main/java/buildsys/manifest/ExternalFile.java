package buildsys.manifest;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An {@code [[package.metadata.build-package.external-files]]} entry: a source archive fetched from the lookaside
 * cache (or upstream) and verified against its SHA-512.
 *
 * @param path the local file name, beside the spec (the {@code path} key, else the last segment of the URL)
 * @param bundleModules the module systems whose dependencies are bundled from the archive: empty, or {@code go}
 * @param bundleRootPath the module's directory inside the archive; absent: the archive's top directory
 * @param bundleOutputPath the bundle's file name beside the spec; absent: {@code bundled-<path>}
 */
public record ExternalFile(String url, Sha512 sha512, String path, boolean forceUpstream, List<String> bundleModules,
                           Optional<String> bundleRootPath, Optional<String> bundleOutputPath) {
    public ExternalFile {
        Objects.requireNonNull(url);
        Objects.requireNonNull(sha512);
        Objects.requireNonNull(path);
        bundleModules = List.copyOf(bundleModules);
        Objects.requireNonNull(bundleRootPath);
        Objects.requireNonNull(bundleOutputPath);
    }

    /** Whether Go module bundling ({@code bundle-modules = ["go"]}) makes a vendor tarball from this archive. */
    public boolean bundlesGo() {
        return bundleModules.contains("go");
    }

    /** The file name of the Go bundle, when there is one: {@code bundle-output-path}, else {@code bundled-<path>}. */
    public Optional<String> goBundle() {
        return bundlesGo() ? Optional.of(bundleOutputPath.orElse("bundled-" + path)) : Optional.empty();
    }
}
