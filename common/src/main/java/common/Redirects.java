package common;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * Where an HTTP redirect leads, for clients that follow redirects themselves: only to http(s) URLs with a host, so a
 * server cannot send a client to {@code file:///etc/passwd} or another scheme.
 */
public final class Redirects {
    private Redirects() {
    }

    /**
     * The URL that {@code location} (relative or not, as a {@code Location} header gives it) points at from
     * {@code current}; refused, naming {@code original}, when it is not a valid URL or not http(s) with a host.
     */
    public static URI target(URI original, URI current, String location) throws Refused {
        URI target;
        try {
            target = current.resolve(new URI(location));
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new Refused("'" + original + "' redirected to '" + location + "', which is not a valid URL;"
                    + " refused, nothing was read");
        }
        if (!isHttp(target) || target.getHost() == null) {
            throw new Refused("'" + original + "' redirected to '" + target + "', which is not "
                    + (isHttp(target) ? "a URL with a host" : "http or https") + "; refused, nothing was read");
        }
        return target;
    }

    public static boolean isHttp(URI uri) {
        return "http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme());
    }

    /** A redirect that may not be followed; permanent, so callers do not retry it. */
    public static final class Refused extends java.io.IOException {
        public Refused(String message) {
            super(message);
        }
    }
}
