package oci;

import common.Causes;
import common.ErrorCategory;
import common.TwoliterException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The Distribution API's URLs, authorization and error translation for one client: every request goes through
 * here, and every failure leaves as a {@link TwoliterException} naming the registry, repository and reference.
 */
final class RegistryClient {
    private final Authenticator authenticator;
    private final RegistryScheme scheme;

    RegistryClient(Authenticator authenticator, RegistryScheme scheme) {
        this.authenticator = authenticator;
        this.scheme = scheme;
    }

    /** {@code /v2/<repository>/<path>} on {@code ref}'s registry. */
    URI uri(ImageRef ref, String path) {
        return scheme.base(ref).resolve(ref.repository() + "/" + path);
    }

    /** Resolves a {@code Location} header, which may be relative, against the registry. */
    URI location(ImageRef ref, Transport.Response response, String what) throws TwoliterException {
        String location = response.header("Location").orElseThrow(() -> failure(ref, what,
                "the registry answered " + response.status() + " without a Location header", null));
        URI uri;
        try {
            uri = scheme.base(ref).resolve(new URI(location));
        } catch (URISyntaxException | IllegalArgumentException e) {
            uri = null;
        }
        if (uri == null || !isHttp(uri)) {
            throw failure(ref, what, "the registry answered " + response.status() + " with Location '" + location
                    + "', which is not http or https; refused", null);
        }
        return uri;
    }

    /** Whether {@code uri} is an http or https URL with a host: the only places this client sends requests. */
    static boolean isHttp(URI uri) {
        return ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
                && uri.getHost() != null;
    }

    Transport.Response send(ImageRef ref, String what, Transport.Request request) throws TwoliterException {
        try {
            return authenticator.send(ref.registry(), request);
        } catch (IOException e) {
            throw failure(ref, what, "cannot reach " + request.uri() + ": " + Causes.describe(e)
                    + "; check that the registry is up and the host and port are right"
                    + (scheme.plainHttp(ref) ? "" : " (for a plain-HTTP registry, list it in "
                    + RegistryScheme.ENV + ")"), e);
        }
    }

    Transport.Response send(ImageRef ref, String what, String method, URI uri, Map<String, String> headers,
                            Transport.Body body) throws TwoliterException {
        return send(ref, what, new Transport.Request(method, uri, headers, body));
    }

    /** Fails with the registry's own error text when the status is not one of {@code expected}. */
    void expect(ImageRef ref, String what, Transport.Response response, int... expected) throws TwoliterException {
        for (int status : expected) {
            if (response.status() == status) {
                return;
            }
        }
        String body = errorBody(response);
        throw failure(ref, what, "the registry answered " + response.status()
                + (body.isEmpty() ? "" : " " + body) + "; " + hint(ref, response.status()), null);
    }

    TwoliterException failure(ImageRef ref, String what, String detail, Throwable cause) {
        return new TwoliterException(ErrorCategory.FAILURE, what + " of '" + ref.repository() + "' ('"
                + ref.reference() + "') at registry '" + ref.registry() + "' failed: " + detail, cause);
    }

    private static String hint(ImageRef ref, int status) {
        return switch (status) {
            case 401, 403 -> "check the credentials for '" + ref.registry()
                    + "' (`docker login " + ref.registry() + "`) and that they may access '" + ref.repository() + "'";
            case 404 -> "check that '" + ref + "' exists (repository, tag or digest)";
            default -> status >= 500 ? "the registry failed; try again later" : "check the reference and the registry";
        };
    }

    private static String errorBody(Transport.Response response) {
        try (InputStream in = response.body()) {
            byte[] head = in.readNBytes(500);
            return new String(head, StandardCharsets.UTF_8).replaceAll("\\s+", " ").trim();
        } catch (IOException e) {
            return "";
        }
    }
}
