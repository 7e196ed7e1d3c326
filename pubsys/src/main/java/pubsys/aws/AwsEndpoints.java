package pubsys.aws;

import common.TwoliterException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The AWS SDKs' standard endpoint overrides: {@code AWS_ENDPOINT_URL_<SERVICE>} (e.g. {@code AWS_ENDPOINT_URL_EC2}),
 * else {@code AWS_ENDPOINT_URL}, unless {@code AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true}. The same binary then runs
 * against AWS or a local emulator.
 */
public final class AwsEndpoints {
    private final Map<String, String> env;

    public AwsEndpoints(Map<String, String> env) {
        this.env = Map.copyOf(env);
    }

    /** The override for {@code service} ({@code ec2}, {@code ebs}, {@code ssm}, {@code sts}, {@code kms}). */
    public Optional<URI> endpointFor(String service) throws TwoliterException {
        if ("true".equalsIgnoreCase(env.getOrDefault("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "").trim())) {
            return Optional.empty();
        }
        String specific = "AWS_ENDPOINT_URL_" + service.toUpperCase(Locale.ROOT).replace('-', '_').replace(' ', '_');
        for (String name : new String[] {specific, "AWS_ENDPOINT_URL"}) {
            String value = env.get(name);
            if (value != null && !value.isBlank()) {
                try {
                    URI uri = new URI(value.trim());
                    if (uri.getScheme() == null || uri.getHost() == null) {
                        throw new URISyntaxException(value, "needs a scheme and host, such as http://localhost:4566");
                    }
                    return Optional.of(uri);
                } catch (URISyntaxException e) {
                    throw TwoliterException.badInput(name + " '" + value + "' is not a URL: " + e.getReason());
                }
            }
        }
        return Optional.empty();
    }
}
