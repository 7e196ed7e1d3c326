package oci;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import common.TwoliterException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Finds registry credentials as the Docker CLI does, from {@code config.json}: a per-registry {@code credHelpers}
 * entry, then a base64 {@code user:password} in {@code auths}, then the default {@code credsStore} helper.
 */
final class DockerCredentials {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HUB_KEY = "https://index.docker.io/v1/";

    /** Runs {@code docker-credential-<helper> get}; a port so that tests need no helper binary. */
    @FunctionalInterface
    interface HelperRunner {
        /** The helper's JSON answer for {@code serverUrl}, or empty when it has no credentials. */
        Optional<String> get(String helper, String serverUrl) throws TwoliterException;
    }

    private final JsonNode config;
    private final Path source;
    private final HelperRunner helpers;

    private DockerCredentials(JsonNode config, Path source, HelperRunner helpers) {
        this.config = config;
        this.source = source;
        this.helpers = helpers;
    }

    /** Reads {@code $DOCKER_CONFIG/config.json}, else {@code ~/.docker/config.json}; none means anonymous. */
    static DockerCredentials fromEnvironment() throws TwoliterException {
        String dir = System.getenv("DOCKER_CONFIG");
        Path base = dir != null ? Path.of(dir) : Path.of(System.getProperty("user.home"), ".docker");
        return load(base.resolve("config.json"), new ProcessHelperRunner());
    }

    static DockerCredentials load(Path file, HelperRunner helpers) throws TwoliterException {
        if (!Files.isRegularFile(file)) {
            return new DockerCredentials(JSON.createObjectNode(), file, helpers);
        }
        try {
            return parse(Files.readString(file), file, helpers);
        } catch (IOException e) {
            throw TwoliterException.badInput("cannot read Docker config '" + file + "': " + e.getMessage());
        }
    }

    static DockerCredentials parse(String json, Path source, HelperRunner helpers) throws TwoliterException {
        try {
            JsonNode node = JSON.readTree(json);
            if (node == null || !node.isObject()) {
                throw TwoliterException.badInput("Docker config '" + source + "' must be a JSON object");
            }
            return new DockerCredentials(node, source, helpers);
        } catch (IOException e) {
            throw TwoliterException.badInput("Docker config '" + source + "' is not valid JSON: "
                    + e.getMessage() + "; fix or remove the file");
        }
    }

    /** Credentials for {@code registry} ({@code host[:port]}), or empty for anonymous access. */
    Optional<Credential> lookup(String registry) throws TwoliterException {
        List<String> keys = keysFor(registry);
        for (String key : keys) {
            String helper = config.path("credHelpers").path(key).asText("");
            if (!helper.isEmpty()) {
                return fromHelper(helper, key);
            }
        }
        JsonNode auths = config.path("auths");
        for (String key : keys) {
            for (String candidate : List.of(key, "https://" + key, "http://" + key)) {
                JsonNode entry = auths.path(candidate);
                if (entry.isObject()) {
                    Optional<Credential> found = fromAuthEntry(entry, candidate);
                    if (found.isPresent()) {
                        return found;
                    }
                }
            }
        }
        String store = config.path("credsStore").asText("");
        return store.isEmpty() ? Optional.empty() : fromHelper(store, keys.get(0));
    }

    private static List<String> keysFor(String registry) {
        // Docker Hub's credentials live under its legacy index URL.
        return registry.equals(ImageRef.DOCKER_HUB) || registry.equals("docker.io")
                ? List.of(HUB_KEY, "docker.io", "index.docker.io") : List.of(registry);
    }

    private Optional<Credential> fromAuthEntry(JsonNode entry, String key) throws TwoliterException {
        String auth = entry.path("auth").asText("");
        if (!auth.isEmpty()) {
            String decoded;
            try {
                decoded = new String(Base64.getDecoder().decode(auth), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw TwoliterException.badInput("'auths.\"" + key + "\".auth' in Docker config '" + source
                        + "' is not base64; run `docker login " + key + "` again");
            }
            int colon = decoded.indexOf(':');
            if (colon < 0) {
                throw TwoliterException.badInput("'auths.\"" + key + "\".auth' in Docker config '" + source
                        + "' must encode 'user:password'; run `docker login " + key + "` again");
            }
            return Optional.of(new Credential(decoded.substring(0, colon), decoded.substring(colon + 1)));
        }
        String user = entry.path("username").asText("");
        String password = entry.path("password").asText("");
        if (!user.isEmpty()) {
            return Optional.of(new Credential(user, password));
        }
        String token = entry.path("identitytoken").asText("");
        // Docker's convention: an identity token is sent as the password of the placeholder user.
        return token.isEmpty() ? Optional.empty() : Optional.of(new Credential("<token>", token));
    }

    private Optional<Credential> fromHelper(String helper, String serverUrl) throws TwoliterException {
        Optional<String> answer = helpers.get(helper, serverUrl);
        if (answer.isEmpty()) {
            return Optional.empty();
        }
        try {
            JsonNode node = JSON.readTree(answer.get());
            String user = node.path("Username").asText("");
            String secret = node.path("Secret").asText("");
            if (secret.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new Credential(user.isEmpty() ? "<token>" : user, secret));
        } catch (IOException e) {
            throw new TwoliterException(common.ErrorCategory.FAILURE, "credential helper 'docker-credential-"
                    + helper + "' answered for '" + serverUrl + "' with invalid JSON; check the helper", e);
        }
    }
}
