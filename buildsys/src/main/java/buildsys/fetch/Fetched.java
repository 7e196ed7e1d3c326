package buildsys.fetch;

import java.nio.file.Path;
import java.util.Objects;

/**
 * An external file made available.
 *
 * @param path   the verified file inside the repository cache ({@code <cache>/sha512/<hex>}); never in the source tree
 * @param origin where it came from this time
 */
public record Fetched(FileNeed need, Path path, FetchOrigin origin) {
    public Fetched {
        Objects.requireNonNull(need, "need");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(origin, "origin");
    }
}
