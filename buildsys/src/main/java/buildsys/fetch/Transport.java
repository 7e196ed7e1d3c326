package buildsys.fetch;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;

/**
 * The port through which files are downloaded (as tough's {@code Transport}): "not found" is reported apart from
 * every other failure, so callers can tell a missing file from a broken server or network.
 */
public interface Transport {
    /**
     * Opens the body of a GET of {@code uri}; the caller reads and closes it.
     *
     * @throws NotFoundException if the server says the file does not exist (HTTP 404 or 410)
     * @throws IOException       for any other failure; the message says what happened, for the user
     */
    InputStream fetch(URI uri) throws NotFoundException, IOException;
}
