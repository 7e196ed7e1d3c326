package oci;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import common.ErrorCategory;
import common.TwoliterException;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sends registry requests with authorization: anonymous first, and on a 401 answers the {@code WWW-Authenticate}
 * challenge (distribution's token spec for {@code Bearer}, RFC 7617 for {@code Basic}) and tries once more. The
 * last header that worked for a registry is reused, so one repository operation pays for one challenge.
 */
final class Authenticator {
    /** Where credentials come from; {@link DockerCredentials} in production. */
    @FunctionalInterface
    interface CredentialSource {
        Optional<Credential> lookup(String registry) throws TwoliterException;
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Transport transport;
    private final CredentialSource credentials;
    private final Map<String, String> headers = new ConcurrentHashMap<>();

    Authenticator(Transport transport, CredentialSource credentials) {
        this.transport = transport;
        this.credentials = credentials;
    }

    Transport.Response send(String registry, Transport.Request request) throws IOException, TwoliterException {
        String known = headers.get(registry);
        Transport.Response response = transport.send(known == null ? request : request.withHeader("Authorization", known));
        if (response.status() != 401) {
            return response;
        }
        Optional<Challenge> challenge = response.header("WWW-Authenticate").flatMap(Challenge::parse);
        response.close();
        if (challenge.isEmpty()) {
            throw new TwoliterException(ErrorCategory.FAILURE, "registry '" + registry + "' answered 401 to "
                    + request.method() + " " + request.uri() + " without a WWW-Authenticate challenge");
        }
        Optional<String> header = authorize(registry, challenge.get());
        if (header.isEmpty()) {
            // Anonymous and nothing to offer: the caller reports the 401 with its context.
            return transport.send(request);
        }
        headers.put(registry, header.get());
        return transport.send(request.withHeader("Authorization", header.get()));
    }

    private Optional<String> authorize(String registry, Challenge challenge) throws IOException, TwoliterException {
        Optional<Credential> credential = credentials.lookup(registry);
        switch (challenge.scheme()) {
            case "basic":
                return credential.map(Credential::basicHeader);
            case "bearer":
                return Optional.of("Bearer " + token(registry, challenge, credential));
            default:
                throw new TwoliterException(ErrorCategory.FAILURE, "registry '" + registry
                        + "' asks for authentication scheme '" + challenge.scheme() + "', which is not supported"
                        + " (only Bearer and Basic are)");
        }
    }

    private String token(String registry, Challenge challenge, Optional<Credential> credential)
            throws IOException, TwoliterException {
        String realm = challenge.param("realm").orElseThrow(() -> new TwoliterException(ErrorCategory.FAILURE,
                "registry '" + registry + "' sent a Bearer challenge without a realm"));
        StringBuilder query = new StringBuilder();
        for (String name : new String[] {"service", "scope"}) {
            Optional<String> value = challenge.param(name);
            if (value.isPresent()) {
                query.append(query.length() == 0 ? "?" : "&").append(name).append('=')
                        .append(URLEncoder.encode(value.get(), StandardCharsets.UTF_8));
            }
        }
        Transport.Request request = new Transport.Request("GET", URI.create(realm + query), Map.of(),
                Transport.Body.none());
        if (credential.isPresent()) {
            request = request.withHeader("Authorization", credential.get().basicHeader());
        }
        try (Transport.Response response = transport.send(request)) {
            byte[] body = response.readAll();
            if (response.status() != 200) {
                throw new TwoliterException(ErrorCategory.FAILURE, "token service '" + realm + "' for registry '"
                        + registry + "' answered " + response.status() + " for scope '"
                        + challenge.param("scope").orElse("") + "'; "
                        + (credential.isPresent() ? "check the credentials for '" + registry + "' in ~/.docker/config.json"
                        : "log in with `docker login " + registry + "`"));
            }
            JsonNode json = JSON.readTree(body);
            String token = json.path("token").asText(json.path("access_token").asText(""));
            if (token.isEmpty()) {
                throw new TwoliterException(ErrorCategory.FAILURE, "token service '" + realm
                        + "' answered without a 'token' or 'access_token'");
            }
            return token;
        }
    }
}
