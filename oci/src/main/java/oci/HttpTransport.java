package oci;

import common.Redirects;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@link Transport} on {@code java.net.http}. Follows redirects itself, since registries send blob GETs to storage
 * (ECR to presigned S3 URLs), and drops {@code Authorization} when the redirect leaves the registry's host: the
 * storage would refuse a second authentication. A redirect to anything but http or https ({@code file:}) is refused
 * before it is opened.
 */
final class HttpTransport implements Transport {
    // The JDK client refuses to set these itself.
    private static final Set<String> RESTRICTED = Set.of("content-length", "host", "connection");

    private final HttpClient client;
    private final Duration timeout;

    HttpTransport(Duration connectTimeout, Duration timeout) {
        this.client = HttpClient.newBuilder().connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER).build();
        this.timeout = timeout;
    }

    private static final int MAX_REDIRECTS = 5;
    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);

    @Override
    public Response send(Request request) throws IOException {
        Request current = request;
        for (int hop = 0; ; hop++) {
            Response response = sendOnce(current);
            boolean follow = REDIRECTS.contains(response.status()) && hop < MAX_REDIRECTS
                    && (current.method().equals("GET") || current.method().equals("HEAD"));
            Optional<String> location = response.header("Location");
            if (!follow || location.isEmpty()) {
                return response;
            }
            response.close();
            URI next = target(request.uri(), current.uri(), location.get());
            Map<String, String> headers = new TreeMap<>(current.headers());
            if (!Objects.equals(next.getAuthority(), request.uri().getAuthority())) {
                headers.remove("Authorization");
            }
            current = new Request(current.method(), next, headers, current.body());
        }
    }

    private static URI target(URI original, URI current, String location) throws RedirectRefusedException {
        try {
            return Redirects.target(original, current, location);
        } catch (Redirects.Refused e) {
            throw new RedirectRefusedException(e.getMessage());
        }
    }

    private Response sendOnce(Request request) throws IOException {
        HttpRequest.Builder builder = HttpRequest.newBuilder(request.uri()).timeout(timeout)
                .method(request.method(), publisher(request.body()));
        request.headers().forEach((name, value) -> {
            if (!RESTRICTED.contains(name.toLowerCase(Locale.ROOT))) {
                builder.header(name, value);
            }
        });
        try {
            HttpResponse<InputStream> response = client.send(builder.build(), HttpResponse.BodyHandlers.ofInputStream());
            return new Response(response.statusCode(), response.headers().map(), response.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for " + request.uri(), e);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private static HttpRequest.BodyPublisher publisher(Body body) {
        if (body instanceof Body.Bytes bytes) {
            return HttpRequest.BodyPublishers.ofByteArray(bytes.content());
        }
        if (body instanceof Body.FileRange range) {
            return HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(() -> {
                try {
                    FileChannel channel = FileChannel.open(range.file(), StandardOpenOption.READ);
                    channel.position(range.offset());
                    return new BoundedInputStream(Channels.newInputStream(channel), range.length());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }), range.length());
        }
        return HttpRequest.BodyPublishers.noBody();
    }

    /** Reads at most {@code remaining} bytes of a stream. */
    private static final class BoundedInputStream extends InputStream {
        private final InputStream in;
        private long remaining;

        BoundedInputStream(InputStream in, long remaining) {
            this.in = in;
            this.remaining = remaining;
        }

        @Override
        public int read() throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int b = in.read();
            if (b >= 0) {
                remaining--;
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int off, int len) throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int n = in.read(buffer, off, (int) Math.min(len, remaining));
            if (n > 0) {
                remaining -= n;
            }
            return n;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
