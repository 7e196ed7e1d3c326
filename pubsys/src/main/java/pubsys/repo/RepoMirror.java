package pubsys.repo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import common.Causes;
import common.ErrorCategory;
import common.TwoliterException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import pubsys.tuf.RepositoryLayout;

/**
 * Copies a repository served over http(s) into a local directory, so that {@link pubsys.tuf.RepositoryLoader}
 * verifies it exactly as it verifies local ones: timestamp, the snapshot and targets versions it names, newer roots,
 * and the targets asked for. Nothing here is trusted; the loader checks every byte afterwards.
 */
final class RepoMirror {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
            .connectTimeout(Duration.ofSeconds(30)).build();

    /** The local layout, or empty when the server has no {@code timestamp.json} (no repo there yet). */
    Optional<RepositoryLayout> mirror(URI metadata, URI targets, Path dir, Predicate<String> wanted)
            throws TwoliterException {
        RepositoryLayout layout = new RepositoryLayout(dir.resolve("metadata"), dir.resolve("targets"));
        try {
            Files.createDirectories(layout.metadataDir());
            Files.createDirectories(layout.targetsDir());
            if (!get(child(metadata, "timestamp.json"), layout.metadataDir().resolve("timestamp.json"))) {
                return Optional.empty();
            }
            long snapshot = version(layout.metadataDir().resolve("timestamp.json"), "snapshot.json");
            require(metadata, snapshot + ".snapshot.json", layout.metadataDir());
            long targetsVersion = version(layout.metadataDir().resolve(snapshot + ".snapshot.json"), "targets.json");
            require(metadata, targetsVersion + ".targets.json", layout.metadataDir());
            for (int root = 1; get(child(metadata, root + ".root.json"),
                    layout.metadataDir().resolve(root + ".root.json")); root++) {
                // Every root version the server has: the loader walks the chain from the trusted one.
            }
            JsonNode list = JSON.readTree(layout.metadataDir().resolve(targetsVersion + ".targets.json").toFile())
                    .path("signed").path("targets");
            for (Iterator<Map.Entry<String, JsonNode>> it = list.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> target = it.next();
                if (wanted.test(target.getKey())) {
                    String file = target.getValue().path("hashes").path("sha256").asText() + "." + target.getKey();
                    require(targets, file, layout.targetsDir());
                }
            }
            return Optional.of(layout);
        } catch (IOException e) {
            throw new TwoliterException(ErrorCategory.FAILURE, "cannot read the repo at '" + metadata + "': "
                    + Causes.describe(e));
        }
    }

    private void require(URI base, String name, Path dir) throws IOException, TwoliterException {
        if (!get(child(base, name), dir.resolve(name))) {
            throw new TwoliterException(ErrorCategory.FAILURE, "the repo at '" + base + "' lists '" + name
                    + "' but the server does not have it (404)");
        }
    }

    private static long version(Path file, String meta) throws IOException {
        return JSON.readTree(file.toFile()).path("signed").path("meta").path(meta).path("version").asLong();
    }

    private static URI child(URI base, String name) {
        String text = base.toString();
        return URI.create(text + (text.endsWith("/") ? "" : "/") + name);
    }

    /** Downloads to {@code target}; false on 404. */
    private boolean get(URI uri, Path target) throws IOException, TwoliterException {
        HttpResponse<InputStream> response;
        try {
            response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(5)).GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while fetching " + uri, e);
        }
        try (InputStream body = response.body()) {
            if (response.statusCode() == 404 || response.statusCode() == 403) {
                return false;
            }
            if (response.statusCode() / 100 != 2) {
                throw new TwoliterException(ErrorCategory.FAILURE, "fetching '" + uri + "' failed: HTTP "
                        + response.statusCode());
            }
            Files.copy(body, target, StandardCopyOption.REPLACE_EXISTING);
            return true;
        }
    }
}
