package buildsys.fetch;

import common.TwoliterException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * The settings of one fetch run.
 *
 * @param lookaside        the lookaside cache ({@code BUILDSYS_LOOKASIDE_CACHE}), by default {@link #DEFAULT_LOOKASIDE}
 * @param upstreamFallback whether a file missing from the lookaside may come from its upstream URL
 *                         ({@code --upstream-source-fallback}, {@code BUILDSYS_UPSTREAM_SOURCE_FALLBACK=true})
 * @param offline          never use the network; fail listing every file that is not available locally
 * @param distdirs         read-only directories searched for {@code <dir>/<file name>} ({@code --distdir})
 * @param repositoryCache  the machine-wide cache of verified files, shared by every project
 */
public record FetchSettings(URI lookaside, boolean upstreamFallback, boolean offline, List<Path> distdirs,
                            Path repositoryCache) {
    public static final URI DEFAULT_LOOKASIDE = URI.create("https://cache.bottlerocket.aws");

    public FetchSettings {
        Objects.requireNonNull(lookaside, "lookaside");
        if (!isHttpUrl(lookaside)) {
            throw new IllegalArgumentException("the lookaside cache (BUILDSYS_LOOKASIDE_CACHE) must be an http(s) URL"
                    + " with a host, got '" + lookaside + "'");
        }
        distdirs = List.copyOf(distdirs);
        Objects.requireNonNull(repositoryCache, "repositoryCache");
    }

    /** The default lookaside, no fallback, online, no distdirs. */
    public static FetchSettings defaults(Path repositoryCache) {
        return new FetchSettings(DEFAULT_LOOKASIDE, false, false, List.of(), repositoryCache);
    }

    /** Reads a {@code BUILDSYS_LOOKASIDE_CACHE} value, rejecting anything but an http(s) URL with a host. */
    public static URI parseLookaside(String value) throws TwoliterException {
        try {
            URI uri = new URI(value);
            if (isHttpUrl(uri)) {
                return uri;
            }
        } catch (URISyntaxException e) {
            // reported below, with the fix
        }
        throw TwoliterException.badInput("BUILDSYS_LOOKASIDE_CACHE is '" + value + "', which is not an http(s) URL;"
                + " set it to a URL such as '" + DEFAULT_LOOKASIDE + "', or unset it to use that default");
    }

    /** Reads {@code BUILDSYS_UPSTREAM_SOURCE_FALLBACK}: only the exact string "true" enables it (buildsys.md §11.9). */
    public static boolean fallbackEnabled(String value) {
        return "true".equals(value);
    }

    private static boolean isHttpUrl(URI uri) {
        String scheme = uri.getScheme();
        return ("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme)) && uri.getHost() != null;
    }
}
