package pubsys.repo;

import common.AtomicFiles;
import common.Causes;
import common.ErrorCategory;
import common.TwoliterException;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import pubsys.infra.RepoConfig;
import pubsys.keys.Signers;
import pubsys.tuf.LocalKeySigner;
import pubsys.tuf.Role;
import pubsys.tuf.RoleKeys;
import pubsys.tuf.Root;
import pubsys.tuf.Signature;
import pubsys.tuf.Signed;
import pubsys.tuf.Signer;

/**
 * Makes sure a repository has a root role and a signing key (upstream's pubsys-setup, pubsys.md §9): fetch and check
 * the root named in Infra.toml, or keep the one on disk, or create a new root (1 year, threshold 1, consistent
 * snapshots) and an RSA key at the default key path.
 */
public final class RepoSetup {
    private static final Duration ROOT_LIFETIME = Duration.ofDays(7 * 52);

    /** What to set up: the repo's name and config, where its root and default key live, and whether a key is needed. */
    public record Request(String repo, RepoConfig config, Path rootRole, Path defaultKey, boolean allowMissingKey,
                          Clock clock) {
        public Request {
            Objects.requireNonNull(repo);
            Objects.requireNonNull(config);
            Objects.requireNonNull(rootRole);
            Objects.requireNonNull(defaultKey);
            Objects.requireNonNull(clock);
        }
    }

    private RepoSetup() {
    }

    public static void ensure(Request request) throws TwoliterException {
        RepoConfig config = request.config();
        if (config.rootRoleUrl().isPresent()) {
            fetchRoot(request, config.rootRoleUrl().get(), config.rootRoleSha512().orElseThrow());
        }
        boolean hasKey = config.signingKeys().isPresent() || Files.isRegularFile(request.defaultKey());
        if (Files.isRegularFile(request.rootRole())) {
            if (!hasKey && !request.allowMissingKey()) {
                throw TwoliterException.badInput("'" + request.repo() + "' repo has a root role ("
                        + request.rootRole() + ") but no signing key: put the key at " + request.defaultKey()
                        + " or configure signing_keys in Infra.toml");
            }
            return;
        }
        if (config.signingKeys().isPresent()) {
            createRoot(request, Signers.forSource(config.signingKeys().get()));
            return;
        }
        if (!Files.isRegularFile(request.defaultKey())) {
            generateKey(request.defaultKey());
        }
        createRoot(request, LocalKeySigner.fromFile(request.defaultKey()));
    }

    private static void fetchRoot(Request request, URI url, String sha512) throws TwoliterException {
        byte[] bytes;
        Path root = request.rootRole();
        try {
            bytes = Files.isRegularFile(root) ? Files.readAllBytes(root) : fetch(url);
        } catch (IOException e) {
            throw new TwoliterException(ErrorCategory.FAILURE, "cannot read the root role '" + url + "' of repo '"
                    + request.repo() + "': " + Causes.describe(e));
        }
        String actual = sha512(bytes);
        if (!actual.equals(sha512)) {
            throw TwoliterException.badInput("hash mismatch for the root role of repo '" + request.repo() + "' ("
                    + (Files.isRegularFile(root) ? root : url) + "): got '" + actual + "' but Infra.toml says '"
                    + sha512 + "'");
        }
        write(root, bytes, AtomicFiles.PUBLIC);
    }

    private static byte[] fetch(URI url) throws IOException {
        if ("file".equals(url.getScheme())) {
            return Files.readAllBytes(Path.of(url));
        }
        try (var in = url.toURL().openStream()) {
            return in.readAllBytes();
        }
    }

    private static void generateKey(Path key) throws TwoliterException {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(3072);
            byte[] pkcs8 = generator.generateKeyPair().getPrivate().getEncoded();
            String pem = "-----BEGIN PRIVATE KEY-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(pkcs8)
                    + "\n-----END PRIVATE KEY-----\n";
            write(key, pem.getBytes(StandardCharsets.US_ASCII), AtomicFiles.PRIVATE);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void createRoot(Request request, Signer key) throws TwoliterException {
        String id = key.publicKey().keyId();
        Map<Role, RoleKeys> roles = new EnumMap<>(Role.class);
        for (Role role : Role.values()) {
            roles.put(role, new RoleKeys(List.of(id), 1));
        }
        Root root = new Root("1.0.0", true, 1, request.clock().instant().plus(ROOT_LIFETIME),
                Map.of(id, key.publicKey()), roles);
        Signed<Root> unsigned = Signed.unsigned(root);
        Signed<Root> signed = unsigned.withSignatures(List.of(new Signature(id,
                HexFormat.of().formatHex(key.sign(unsigned.canonicalBytes())))));
        write(request.rootRole(), signed.toFileBytes(), AtomicFiles.PUBLIC);
    }

    private static void write(Path file, byte[] bytes, String permissions) throws TwoliterException {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            AtomicFiles.write(file, bytes, permissions);
        } catch (IOException e) {
            throw new TwoliterException(ErrorCategory.FAILURE, "cannot write '" + file + "': " + e.getMessage());
        }
    }

    static String sha512(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-512").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
