package buildsys.container;

import common.TwoliterException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;
import java.util.Optional;

/**
 * The Docker engine a run uses: {@code DOCKER_HOST} when set, checked before anything connects (docker-java's own
 * parse error, {@code Expected scheme name}, names neither the variable nor its value); else docker-java's default.
 */
record DockerEndpoint(Optional<URI> dockerHost) {
    static final String VARIABLE = "DOCKER_HOST";

    static DockerEndpoint fromEnvironment(Map<String, String> env) throws TwoliterException {
        String value = env.get(VARIABLE);
        return new DockerEndpoint(value == null || value.isBlank() ? Optional.empty() : Optional.of(parse(value)));
    }

    /** {@code unix:///absolute/path} or {@code tcp://host:port}, the forms docker-java's transport speaks. */
    static URI parse(String value) throws TwoliterException {
        URI uri;
        try {
            uri = new URI(value.strip());
        } catch (URISyntaxException e) {
            throw invalid(value);
        }
        boolean clean = uri.getRawQuery() == null && uri.getRawFragment() == null && uri.getRawUserInfo() == null;
        String path = uri.getPath() == null ? "" : uri.getPath();
        boolean unix = "unix".equals(uri.getScheme()) && uri.getRawAuthority() == null && path.length() > 1
                && path.startsWith("/");
        boolean tcp = "tcp".equals(uri.getScheme()) && uri.getHost() != null && uri.getPort() > 0
                && (path.isEmpty() || path.equals("/"));
        if (clean && (unix || tcp)) {
            return uri;
        }
        throw invalid(value);
    }

    /** How messages name the engine at {@code host} (what docker-java resolved). */
    String describe(String host) {
        return dockerHost.isPresent() ? "the Docker engine at '" + host + "' (" + VARIABLE + ")"
                : "the Docker engine at the default socket '" + host + "' (" + VARIABLE + " is not set)";
    }

    private static TwoliterException invalid(String value) {
        return TwoliterException.badInput(VARIABLE + " is '" + value + "', which is not a Docker engine address;"
                + " use unix:///path/to/docker.sock or tcp://host:port, or unset it for the default socket");
    }
}
