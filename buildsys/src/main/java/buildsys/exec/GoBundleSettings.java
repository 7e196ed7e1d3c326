package buildsys.exec;

import buildsys.manifest.ExternalFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * How Go module bundles are made: whether the network may be used, the host's Go and proxy settings passed to
 * {@code go}, and a vendor directory whose {@code go-bundles/} holds bundles made before.
 *
 * @param offline   never run {@code go mod vendor}: a bundle must come from the cache or the vendor directory
 * @param env       the host's {@code GOPROXY}, {@code GOSUMDB}, ... and proxy variables, as given
 * @param vendorDir a vendor directory's {@code go-bundles/}: bundles are found there as
 *                  {@code <bundle id>/<bundle name>} before any is made
 * @param caBundle  the host's trusted CA certificates ({@code SSL_CERT_FILE}, else Debian's bundle), which go in
 *                  the SDK trusts too: behind a proxy that intercepts TLS, the SDK's own bundle lacks its CA
 */
public record GoBundleSettings(boolean offline, Map<String, String> env, Optional<Path> vendorDir,
                               Optional<Path> caBundle) {
    private static final Path DEBIAN_CA_BUNDLE = Path.of("/etc/ssl/certs/ca-certificates.crt");

    /** The variables go reads that upstream passes from the host (buildsys.md §3.3), and the proxy settings. */
    public static final List<String> PASSED = List.of("GOPROXY", "GONOPROXY", "GOPRIVATE", "GOSUMDB", "GONOSUMDB",
            "GOINSECURE", "HTTP_PROXY", "HTTPS_PROXY", "NO_PROXY", "http_proxy", "https_proxy", "no_proxy");

    public GoBundleSettings {
        env = Map.copyOf(env);
        Objects.requireNonNull(vendorDir);
        Objects.requireNonNull(caBundle);
    }

    public static GoBundleSettings defaults() {
        return new GoBundleSettings(false, Map.of(), Optional.empty(), Optional.empty());
    }

    /** The settings from the host environment: only the {@link #PASSED} variables that are set. */
    public static GoBundleSettings from(Map<String, String> hostEnv, boolean offline, Optional<Path> vendorDir) {
        Map<String, String> env = new TreeMap<>();
        for (String name : PASSED) {
            String value = hostEnv.get(name);
            if (value != null && !value.isEmpty()) {
                env.put(name, value);
            }
        }
        Optional<Path> caBundle = Optional.ofNullable(hostEnv.get("SSL_CERT_FILE")).filter(f -> !f.isEmpty())
                .map(Path::of).filter(Files::isRegularFile)
                .or(() -> Optional.of(DEBIAN_CA_BUNDLE).filter(Files::isRegularFile));
        return new GoBundleSettings(offline, env, vendorDir, caBundle);
    }

    /**
     * What identifies a bundle whatever the SDK: the archive's digest, the module's directory and the bundle's name
     * (32 hex digits). A vendor directory keeps bundles under it, so an SDK change does not lose them.
     */
    public static String bundleId(ExternalFile file) {
        String identity = "go-bundle\0" + file.sha512().hex() + "\0" + file.bundleRootPath().orElse("") + "\0"
                + file.goBundle().orElseThrow();
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(identity.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, 32);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
