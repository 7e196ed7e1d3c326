package buildsys.fetch;

import common.Causes;
import common.Redirects;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The {@link Transport} over {@code java.net.http}: one GET, redirects followed, no retries (as upstream's buildsys).
 * 404 and 410 become {@link NotFoundException}; every other failure an {@link IOException} whose message says what
 * happened. Redirects are followed here, not by the JDK client, so that one to a scheme other than http or https
 * ({@code file:///etc/passwd}) is refused before anything is opened.
 */
public final class HttpTransport implements Transport {
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration DEFAULT_RESPONSE_TIMEOUT = Duration.ofMinutes(2);
    /** reqwest's default limit, which upstream's buildsys uses. */
    static final int MAX_REDIRECTS = 10;
    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);

    private final Duration connectTimeout;
    private final String userAgent;
    private final Duration responseTimeout;
    private HttpClient client;

    /** @param toolVersion this tool's version, for the {@code User-Agent} */
    public HttpTransport(String toolVersion) {
        this(toolVersion, DEFAULT_CONNECT_TIMEOUT, DEFAULT_RESPONSE_TIMEOUT);
    }

    /** @param responseTimeout how long to wait for the response headers; the body may take longer */
    public HttpTransport(String toolVersion, Duration connectTimeout, Duration responseTimeout) {
        this.userAgent = "twoliter-jvm/" + Objects.requireNonNull(toolVersion) + " (+buildsys)";
        this.responseTimeout = Objects.requireNonNull(responseTimeout);
        this.connectTimeout = Objects.requireNonNull(connectTimeout);
    }

    /** The client, made on first use: setting up TLS costs a noticeable part of a cached build's start-up. */
    private synchronized HttpClient client() {
        if (client == null) {
            // NEVER: fetch() follows them, https to http included (mirrors do that, reqwest follows, the bytes are
            // verified), but nothing else: the JDK's ALWAYS would try file: and fail with an unchecked exception.
            client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                    .connectTimeout(connectTimeout).build();
        }
        return client;
    }

    @Override
    public InputStream fetch(URI uri) throws IOException {
        if (!Redirects.isHttp(uri)) {
            throw new IOException("unsupported URL scheme '" + uri.getScheme() + "'; only http and https are fetched");
        }
        URI current = uri;
        for (int hop = 0; ; hop++) {
            HttpResponse<InputStream> response = send(request(current));
            int status = response.statusCode();
            if (status >= 200 && status < 300) {
                return response.body();
            }
            response.body().close();
            Optional<String> location = response.headers().firstValue("Location");
            if (!REDIRECTS.contains(status) || location.isEmpty()) {
                if (status == 404 || status == 410) {
                    throw new NotFoundException(uri, statusText(status));
                }
                throw new IOException(statusText(status));
            }
            current = Redirects.target(uri, current, location.get());
            if (hop == MAX_REDIRECTS) {
                throw new IOException("'" + uri + "' redirected more than " + MAX_REDIRECTS + " times; last to '"
                        + current + "'");
            }
        }
    }

    private HttpRequest request(URI uri) {
        return HttpRequest.newBuilder(uri)
                .GET()
                .header("User-Agent", userAgent)
                .timeout(responseTimeout)
                .build();
    }

    private HttpResponse<InputStream> send(HttpRequest request) throws IOException {
        try {
            return client().send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while fetching '" + request.uri() + "'");
        } catch (HttpTimeoutException e) {
            throw new IOException("no response from '" + hostOf(request.uri()) + "' within "
                    + responseTimeout.toSeconds() + " s", e);
        } catch (IOException e) {
            throw new IOException("cannot reach '" + hostOf(request.uri()) + "': " + Causes.describe(e), e);
        }
    }

    private static String hostOf(URI uri) {
        return uri.getPort() == -1 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
    }

    private static String statusText(int status) {
        String reason = switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 408 -> "Request Timeout";
            case 410 -> "Gone";
            case 429 -> "Too Many Requests";
            case 500 -> "Internal Server Error";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            case 504 -> "Gateway Timeout";
            default -> "";
        };
        return reason.isEmpty() ? "HTTP " + status : status + " " + reason;
    }
}
