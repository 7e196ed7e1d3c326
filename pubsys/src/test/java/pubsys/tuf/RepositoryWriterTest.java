package pubsys.tuf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import common.TwoliterException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class RepositoryWriterTest {
    static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    static final Expirations EXP = new Expirations(NOW.plusSeconds(86400 * 30), NOW.plusSeconds(86400 * 14),
            NOW.plusSeconds(86400 * 7).plusNanos(123_000_000));

    @TempDir
    Path dir;

    private Path target(String name, String content) throws Exception {
        return Files.writeString(dir.resolve("in-" + name), content);
    }

    private WriteRequest fresh(Path root, Signer key, RepositoryLayout out, long version) throws Exception {
        ObjectNode custom = TufJson.MAPPER.createObjectNode().put("note", "é \"quoted\" \\ back");
        return new WriteRequest(root, List.of(key), Optional.empty(),
                List.of(new TargetFile("hello.txt", target("hello.txt", "hello\n"), custom),
                        new TargetFile("manifest.json", target("manifest.json", "{}"), null)),
                version, EXP, out);
    }

    @Test
    void write_freshRsaRepo_writesExactlyTheT1FilesAndLoads() throws Exception {
        // pubsys.md §16 T1 (without tough itself)
        LocalKeySigner key = LocalKeySigner.fromFile(TestKeys.write(dir, TestKeys.Kind.RSA_PKCS1));
        Path root = TestRoots.write(dir.resolve("root.json"), key);
        RepositoryLayout out = RepositoryLayout.under(dir.resolve("repo"));

        RepositoryWriter.write(fresh(root, key, out, 1700000000));

        try (Stream<Path> files = Files.list(out.metadataDir())) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder(
                    "1.root.json", "1700000000.targets.json", "1700000000.snapshot.json", "timestamp.json");
        }
        assertThat(Files.readAllBytes(out.metadataDir().resolve("1.root.json"))).isEqualTo(Files.readAllBytes(root));
        String hash = TufJson.sha256Hex("hello\n".getBytes(StandardCharsets.UTF_8));
        assertThat(out.targetsDir().resolve(hash + ".hello.txt")).hasContent("hello\n");
        String timestamp = Files.readString(out.metadataDir().resolve("timestamp.json"));
        assertThat(timestamp).endsWith("}\n").contains("\"expires\": \"2026-01-08T00:00:00.123Z\"");

        LoadedRepository loaded = RepositoryLoader.load(out, root, CLOCK);
        assertThat(loaded.listTargets()).containsOnlyKeys("hello.txt", "manifest.json");
        assertThat(loaded.listTargets().get("hello.txt").custom().get("note").asText()).isEqualTo("é \"quoted\" \\ back");
        loaded.verifyTargets();
    }

    @ParameterizedTest
    @EnumSource(TestKeys.Kind.class)
    void write_eachKeyType_roundTripsThroughTheLoader(TestKeys.Kind kind) throws Exception {
        LocalKeySigner key = LocalKeySigner.fromFile(TestKeys.write(dir, kind));
        Path root = TestRoots.write(dir.resolve("root.json"), key);
        RepositoryLayout out = RepositoryLayout.under(dir.resolve("repo"));

        RepositoryWriter.write(fresh(root, key, out, 5));

        LoadedRepository loaded = RepositoryLoader.load(out, root, CLOCK);
        assertThat(loaded.targetsMetadata().signed().version()).isEqualTo(5);
        loaded.verifyTargets();
    }

    @Test
    void load_oneTargetByteChanged_failsNamingTheTargetFile() throws Exception {
        LocalKeySigner key = LocalKeySigner.fromFile(TestKeys.write(dir, TestKeys.Kind.ED25519));
        Path root = TestRoots.write(dir.resolve("root.json"), key);
        RepositoryLayout out = RepositoryLayout.under(dir.resolve("repo"));
        RepositoryWriter.write(fresh(root, key, out, 5));
        LoadedRepository loaded = RepositoryLoader.load(out, root, CLOCK);
        Path file = loaded.targetPath("hello.txt");
        Files.writeString(file, "jello\n");

        assertThatThrownBy(() -> loaded.verifyTarget("hello.txt")).isInstanceOf(TwoliterException.class)
                .hasMessageContaining("'" + file + "'").hasMessageContaining("altered");
    }

    @Test
    void load_oneTargetsJsonByteChanged_failsNamingTargetsJson() throws Exception {
        LocalKeySigner key = LocalKeySigner.fromFile(TestKeys.write(dir, TestKeys.Kind.ECDSA));
        Path root = TestRoots.write(dir.resolve("root.json"), key);
        RepositoryLayout out = RepositoryLayout.under(dir.resolve("repo"));
        RepositoryWriter.write(fresh(root, key, out, 5));
        Path targetsJson = out.metadataDir().resolve("5.targets.json");
        byte[] bytes = Files.readAllBytes(targetsJson);
        String text = new String(bytes, StandardCharsets.UTF_8);
        bytes[text.indexOf("\"length\": 6") + 10] = '7';
        Files.write(targetsJson, bytes);

        assertThatThrownBy(() -> RepositoryLoader.load(out, root, CLOCK)).isInstanceOf(TwoliterException.class)
                .hasMessageContaining("'" + targetsJson + "'");
    }

    @Test
    void load_targetsJsonResignedWithSameHashesInSnapshotMissing_failsOnSignature() throws Exception {
        // Re-writing targets.json and fixing snapshot's hash still needs the snapshot signature: checks Verifier.
        LocalKeySigner key = LocalKeySigner.fromFile(TestKeys.write(dir, TestKeys.Kind.RSA_PKCS8));
        Path root = TestRoots.write(dir.resolve("root.json"), key);
        RepositoryLayout out = RepositoryLayout.under(dir.resolve("repo"));
        RepositoryWriter.write(fresh(root, key, out, 5));
        Path ts = out.metadataDir().resolve("timestamp.json");
        Files.writeString(ts, Files.readString(ts).replace("\"version\": 5", "\"version\": 6"));

        assertThatThrownBy(() -> RepositoryLoader.load(out, root, CLOCK)).isInstanceOf(TwoliterException.class)
                .hasMessageContaining("'" + ts + "' (timestamp) was signed by 0 of the 1 keys");
    }

    @Test
    void load_expiredTimestamp_failsNamingRoleAndDate() throws Exception {
        // pubsys.md §16 T6, loader part
        LocalKeySigner key = LocalKeySigner.fromFile(TestKeys.write(dir, TestKeys.Kind.ED25519));
        Path root = TestRoots.write(dir.resolve("root.json"), key);
        RepositoryLayout out = RepositoryLayout.under(dir.resolve("repo"));
        RepositoryWriter.write(fresh(root, key, out, 5));
        Clock later = Clock.fixed(NOW.plusSeconds(86400 * 8), ZoneOffset.UTC);

        assertThatThrownBy(() -> RepositoryLoader.load(out, root, later)).isInstanceOf(TwoliterException.class)
                .hasMessageContaining("'timestamp' expired on 2026-01-08T00:00:00.123Z");
    }

    @Test
    void write_extendingALoadedRepo_keepsOldTargetsAndReplacesChangedOnes() throws Exception {
        // pubsys.md §16 T5, repository part
        LocalKeySigner key = LocalKeySigner.fromFile(TestKeys.write(dir, TestKeys.Kind.ED25519));
        Path root = TestRoots.write(dir.resolve("root.json"), key);
        RepositoryLayout first = RepositoryLayout.under(dir.resolve("repo1"));
        RepositoryWriter.write(fresh(root, key, first, 5));
        LoadedRepository base = RepositoryLoader.load(first, root, CLOCK);
        // As a served repo: new metadata beside the old, one targets directory; old target files are not rewritten.
        RepositoryLayout second = new RepositoryLayout(dir.resolve("repo2/metadata"), first.targetsDir());

        RepositoryWriter.write(new WriteRequest(root, List.of(key), Optional.of(base),
                List.of(new TargetFile("manifest.json", target("m2", "{\"v\":2}"), null)), 6, EXP, second));

        LoadedRepository loaded = RepositoryLoader.load(second, root, CLOCK);
        assertThat(loaded.listTargets()).containsOnlyKeys("hello.txt", "manifest.json");
        assertThat(loaded.listTargets().get("hello.txt").custom().get("note").asText()).startsWith("é");
        assertThat(loaded.targetPath("manifest.json")).hasContent("{\"v\":2}");
        loaded.verifyTargets();
    }

    @Test
    void write_versionNotAboveBase_isRejectedAsRollback() throws Exception {
        LocalKeySigner key = LocalKeySigner.fromFile(TestKeys.write(dir, TestKeys.Kind.ED25519));
        Path root = TestRoots.write(dir.resolve("root.json"), key);
        RepositoryLayout out = RepositoryLayout.under(dir.resolve("repo"));
        RepositoryWriter.write(fresh(root, key, out, 5));
        LoadedRepository base = RepositoryLoader.load(out, root, CLOCK);

        assertThatThrownBy(() -> RepositoryWriter.write(
                new WriteRequest(root, List.of(key), Optional.of(base), List.of(), 5, EXP, out)))
                .isInstanceOf(TwoliterException.class).hasMessageContaining("rollback");
    }

    @Test
    void write_keyNotInRoot_failsWithKeysNotFoundInRoot() throws Exception {
        // pubsys.md §16 T8, first half
        LocalKeySigner rootKey = LocalKeySigner.fromFile(TestKeys.write(dir, TestKeys.Kind.ED25519));
        LocalKeySigner stranger = LocalKeySigner.fromFile(TestKeys.write(dir, TestKeys.Kind.ECDSA));
        Path root = TestRoots.write(dir.resolve("root.json"), rootKey);

        assertThatThrownBy(() -> RepositoryWriter.write(
                fresh(root, stranger, RepositoryLayout.under(dir.resolve("repo")), 5)))
                .isInstanceOf(TwoliterException.class).hasMessageStartingWith("KeysNotFoundInRoot")
                .hasMessageContaining(stranger.publicKey().keyId());
    }

    @Test
    void write_keyInRootButNotInTargetsRole_failsWithSigningKeysNotFound() throws Exception {
        // pubsys.md §16 T8, second half: the key signs root only
        LocalKeySigner rootKey = LocalKeySigner.fromFile(TestKeys.write(dir, TestKeys.Kind.ED25519));
        LocalKeySigner roleKey = LocalKeySigner.fromFile(TestKeys.write(dir, TestKeys.Kind.ECDSA));
        Path root = TestRoots.write(dir.resolve("root.json"), rootKey, List.of(roleKey), 1);

        assertThatThrownBy(() -> RepositoryWriter.write(
                fresh(root, rootKey, RepositoryLayout.under(dir.resolve("repo")), 5)))
                .isInstanceOf(TwoliterException.class).hasMessageStartingWith("SigningKeysNotFound: role 'targets'");
    }

    @Test
    void write_thresholdTwoWithTwoKeys_signsWithBoth() throws Exception {
        LocalKeySigner rootKey = LocalKeySigner.fromFile(TestKeys.write(dir, TestKeys.Kind.RSA_PKCS1));
        LocalKeySigner ed = LocalKeySigner.fromFile(TestKeys.write(dir, TestKeys.Kind.ED25519));
        LocalKeySigner ec = LocalKeySigner.fromFile(TestKeys.write(dir, TestKeys.Kind.ECDSA));
        Path root = TestRoots.write(dir.resolve("root.json"), rootKey, List.of(ed, ec), 2);
        RepositoryLayout out = RepositoryLayout.under(dir.resolve("repo"));

        RepositoryWriter.Written written = RepositoryWriter.write(new WriteRequest(root, List.of(ed, ec),
                Optional.empty(), List.of(), 3, EXP, out));

        assertThat(written.timestamp().signatures()).hasSize(2);
        assertThat(RepositoryLoader.load(out, root, CLOCK).listTargets()).isEmpty();
    }
}
