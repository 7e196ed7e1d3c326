package buildsys.fetch;

import java.io.IOException;
import java.net.URI;
import java.util.Objects;

/** A {@link Transport} was told the file does not exist (HTTP 404 or 410), as opposed to failing to ask. */
public final class NotFoundException extends IOException {
    private static final long serialVersionUID = 1L;

    private final URI uri;
    private final String status;

    /** @param status the server's answer for messages, e.g. {@code 404 Not Found} */
    public NotFoundException(URI uri, String status) {
        super("'" + uri + "' was not found (" + status + ")");
        this.uri = Objects.requireNonNull(uri);
        this.status = Objects.requireNonNull(status);
    }

    public URI uri() {
        return uri;
    }

    public String status() {
        return status;
    }
}
