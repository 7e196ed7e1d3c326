package oci;

import java.net.URI;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Chooses plain HTTP or HTTPS per registry: loopback registries ({@code localhost}, {@code 127.0.0.1},
 * {@code [::1]}) speak HTTP, as Docker assumes; any other {@code host:port} listed in the environment variable
 * {@code TWOLITER_INSECURE_REGISTRIES} (comma separated) does too; everything else is HTTPS.
 */
public record RegistryScheme(Set<String> insecureRegistries) {
    public static final String ENV = "TWOLITER_INSECURE_REGISTRIES";

    public RegistryScheme {
        insecureRegistries = Set.copyOf(insecureRegistries);
    }

    public static RegistryScheme fromEnvironment() {
        return parse(System.getenv(ENV));
    }

    static RegistryScheme parse(String list) {
        if (list == null) {
            return new RegistryScheme(Set.of());
        }
        return new RegistryScheme(Arrays.stream(list.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .collect(Collectors.toSet()));
    }

    boolean plainHttp(ImageRef ref) {
        String host = ref.host();
        return host.equals("localhost") || host.equals("127.0.0.1") || host.equals("[::1]")
                || insecureRegistries.contains(ref.registry()) || insecureRegistries.contains(host);
    }

    /** {@code http(s)://<registry>/v2/} for {@code ref}. */
    URI base(ImageRef ref) {
        return URI.create((plainHttp(ref) ? "http://" : "https://") + ref.registry() + "/v2/");
    }
}
