package pubsys.repo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import common.TwoliterException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pubsys.infra.RepoConfig;
import pubsys.tuf.Role;
import pubsys.tuf.Root;
import pubsys.tuf.Signed;
import pubsys.tuf.Verifier;

class RepoSetupTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    private RepoSetup.Request request(RepoConfig config, boolean allowMissingKey) {
        return new RepoSetup.Request("default", config, dir.resolve("roles/default.root.json"),
                dir.resolve("keys/default.pem"), allowMissingKey, CLOCK);
    }

    @Test
    void ensure_withNothing_createsASignedRootAndAPrivateKey() throws Exception {
        RepoSetup.ensure(request(RepoConfig.empty(), false));

        Path key = dir.resolve("keys/default.pem");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
        assertThat(Files.readString(key)).startsWith("-----BEGIN PRIVATE KEY-----");
        Path rootFile = dir.resolve("roles/default.root.json");
        Signed<Root> root = Signed.parseRoot(Files.readAllBytes(rootFile), "root.json");
        Verifier.verify(root.signed(), Role.ROOT, root, "root.json");
        assertThat(root.signed().consistentSnapshot()).isTrue();
        assertThat(root.signed().version()).isEqualTo(1);
        assertThat(root.signed().expires()).isEqualTo(Instant.parse("2026-12-31T00:00:00Z"));
        for (Role role : Role.values()) {
            assertThat(root.signed().roleKeys(role).threshold()).isEqualTo(1);
        }
    }

    @Test
    void ensure_twice_keepsTheFirstRootAndKey() throws Exception {
        RepoSetup.ensure(request(RepoConfig.empty(), false));
        byte[] root = Files.readAllBytes(dir.resolve("roles/default.root.json"));

        RepoSetup.ensure(request(RepoConfig.empty(), false));

        assertThat(Files.readAllBytes(dir.resolve("roles/default.root.json"))).isEqualTo(root);
    }

    @Test
    void ensure_rootWithoutKey_failsUnlessAllowed() throws Exception {
        RepoSetup.ensure(request(RepoConfig.empty(), false));
        Files.delete(dir.resolve("keys/default.pem"));

        assertThatThrownBy(() -> RepoSetup.ensure(request(RepoConfig.empty(), false)))
                .isInstanceOf(TwoliterException.class).hasMessageContaining("has a root role").hasMessageContaining(
                        "but no signing key");
        RepoSetup.ensure(request(RepoConfig.empty(), true));
    }

    @Test
    void ensure_rootRoleUrl_isFetchedAndCheckedAgainstItsSha512() throws Exception {
        Path published = dir.resolve("published-root.json");
        Files.writeString(published, "{\"signed\":{}}");
        String sha = RepoSetup.sha512(Files.readAllBytes(published));
        Files.createDirectories(dir.resolve("keys"));
        Files.writeString(dir.resolve("keys/default.pem"), "placeholder");

        RepoConfig wrong = new RepoConfig(Optional.of(published.toUri()), Optional.of("0".repeat(128)),
                Optional.empty(), Optional.empty(), Optional.empty());
        assertThatThrownBy(() -> RepoSetup.ensure(request(wrong, false))).hasMessageContaining("hash mismatch");
        assertThat(dir.resolve("roles/default.root.json")).doesNotExist();

        RepoConfig right = new RepoConfig(Optional.of(published.toUri()), Optional.of(sha), Optional.empty(),
                Optional.empty(), Optional.empty());
        RepoSetup.ensure(request(right, false));
        assertThat(dir.resolve("roles/default.root.json")).hasContent("{\"signed\":{}}");
    }
}
