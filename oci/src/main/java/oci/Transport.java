package oci;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The HTTP port of the registry client: one request in, one response out. Connection failures are
 * {@link IOException}s; every HTTP status, including 4xx and 5xx, is a {@link Response}.
 */
public interface Transport {
    Response send(Request request) throws IOException;

    /** What a request sends; every body can be sent again, so a retry re-reads it from the start. */
    sealed interface Body {
        record None() implements Body {
        }

        record Bytes(byte[] content) implements Body {
        }

        /** {@code length} bytes of {@code file} from {@code offset}: one chunk of a chunked upload. */
        record FileRange(Path file, long offset, long length) implements Body {
        }

        static Body none() {
            return new None();
        }
    }

    record Request(String method, URI uri, Map<String, String> headers, Body body) {
        public Request {
            Objects.requireNonNull(method, "method");
            Objects.requireNonNull(uri, "uri");
            headers = Map.copyOf(headers);
            Objects.requireNonNull(body, "body");
        }

        public Request withHeader(String name, String value) {
            Map<String, String> copy = new TreeMap<>(headers);
            copy.put(name, value);
            return new Request(method, uri, copy, body);
        }
    }

    /** A response; the caller closes it, which closes the body stream. Header names are matched ignoring case. */
    record Response(int status, Map<String, List<String>> headers, InputStream body) implements AutoCloseable {
        public Response {
            Map<String, List<String>> lower = new TreeMap<>();
            headers.forEach((k, v) -> lower.put(k.toLowerCase(Locale.ROOT), List.copyOf(v)));
            headers = Map.copyOf(lower);
            Objects.requireNonNull(body, "body");
        }

        public static Response of(int status, Map<String, List<String>> headers, byte[] body) {
            return new Response(status, headers, new ByteArrayInputStream(body));
        }

        public Optional<String> header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
        }

        public List<String> headerValues(String name) {
            return headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
        }

        public byte[] readAll() throws IOException {
            try (InputStream in = body) {
                return in.readAllBytes();
            }
        }

        @Override
        public void close() throws IOException {
            body.close();
        }
    }
}
