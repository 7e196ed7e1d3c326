package buildsys.manifest;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An {@code [[package.metadata.build-package.external-files]]} entry: a source archive fetched from the lookaside
 * cache (or upstream) and verified against its SHA-512.
 *
 * @param path the local file name, beside the spec (the {@code path} key, else the last segment of the URL)
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
}
