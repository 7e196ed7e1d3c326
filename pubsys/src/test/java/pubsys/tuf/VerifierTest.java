package pubsys.tuf;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import common.TwoliterException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VerifierTest {
    @TempDir
    Path dir;

    @Test
    void verify_sameKeySigningTwice_countsOnceAgainstThreshold() throws Exception {
        LocalKeySigner a = LocalKeySigner.fromFile(TestKeys.write(dir, TestKeys.Kind.ED25519));
        LocalKeySigner b = LocalKeySigner.fromFile(TestKeys.write(dir, TestKeys.Kind.ECDSA));
        Root root = Signed.parseRoot(Files.readAllBytes(
                TestRoots.write(dir.resolve("root.json"), a, List.of(a, b), 2)), "root.json").signed();
        Signed<Snapshot> both = RoleSigner.of(root, List.of(a, b)).sign(Signed.unsigned(
                new Snapshot(1, Instant.parse("2099-01-01T00:00:00Z"), Map.of())));
        List<Signature> twiceA = new ArrayList<>(List.of(both.signatures().get(0), both.signatures().get(0)));

        assertThatCode(() -> Verifier.verify(root, Role.SNAPSHOT, both, "1.snapshot.json")).doesNotThrowAnyException();
        assertThatThrownBy(() -> Verifier.verify(root, Role.SNAPSHOT, both.withSignatures(twiceA), "1.snapshot.json"))
                .isInstanceOf(TwoliterException.class).hasMessageContaining("signed by 1 of the 2 keys");
    }

    @Test
    void parseRoot_keyIdNotMatchingItsKey_isRejectedQuotingTheId() throws Exception {
        LocalKeySigner a = LocalKeySigner.fromFile(TestKeys.write(dir, TestKeys.Kind.ED25519));
        String id = a.publicKey().keyId();
        byte[] bytes = Files.readString(TestRoots.write(dir.resolve("root.json"), a))
                .replaceFirst("\"" + id + "\": \\{", "\"" + "0".repeat(64) + "\": {").getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> Signed.parseRoot(bytes, "root.json")).isInstanceOf(TwoliterException.class)
                .hasMessageContaining("key id '" + "0".repeat(64) + "' in 'root.json' does not match");
    }
}
