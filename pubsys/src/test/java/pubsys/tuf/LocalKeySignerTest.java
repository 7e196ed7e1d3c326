package pubsys.tuf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import common.TwoliterException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

class LocalKeySignerTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(TestKeys.Kind.class)
    void sign_eachKeyType_verifiesWithItsPublicKeyJson(TestKeys.Kind kind) throws Exception {
        LocalKeySigner signer = LocalKeySigner.fromFile(TestKeys.write(dir, kind));
        byte[] message = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);

        String sig = HexFormat.of().formatHex(signer.sign(message));

        // Round trip through JSON, as a client would see the key in root.json.
        TufKey fromJson = new TufKey((com.fasterxml.jackson.databind.node.ObjectNode)
                TufJson.MAPPER.readTree(TufJson.pretty(signer.publicKey().json())));
        assertThat(Verifier.verifies(fromJson, message, sig)).isTrue();
        assertThat(Verifier.verifies(fromJson, "{\"a\":2}".getBytes(StandardCharsets.UTF_8), sig)).isFalse();
    }

    @Test
    void publicKey_eachScheme_isWrittenAsToughWritesIt() throws Exception {
        TufKey rsa = LocalKeySigner.fromFile(TestKeys.write(dir, TestKeys.Kind.RSA_PKCS8)).publicKey();
        TufKey ed = LocalKeySigner.fromFile(TestKeys.write(dir, TestKeys.Kind.ED25519)).publicKey();
        TufKey ec = LocalKeySigner.fromFile(TestKeys.write(dir, TestKeys.Kind.ECDSA)).publicKey();
        assertThat(rsa.keytype() + " " + rsa.scheme()).isEqualTo("rsa rsassa-pss-sha256");
        assertThat(ed.keytype() + " " + ed.scheme()).isEqualTo("ed25519 ed25519");
        assertThat(ed.publicValue()).matches("[0-9a-f]{64}");
        assertThat(ec.keytype() + " " + ec.scheme()).isEqualTo("ecdsa ecdsa-sha2-nistp256");
        assertThat(ec.publicValue()).startsWith("-----BEGIN PUBLIC KEY-----\n");
    }

    @Test
    void fromFile_pkcs1AndPkcs8OfOneRsaKey_haveTheSameKeyId() throws Exception {
        byte[] pkcs8 = KeyCodec.pemBody(new String(TestKeys.generate(TestKeys.Kind.RSA_PKCS8),
                StandardCharsets.US_ASCII), "PRIVATE KEY");
        Path p8 = Files.write(dir.resolve("p8.pem"), TestKeys.pem("PRIVATE KEY", pkcs8));
        Path p1 = Files.write(dir.resolve("p1.pem"),
                TestKeys.pem("RSA PRIVATE KEY", Der.single(pkcs8).children().get(2).value()));

        assertThat(LocalKeySigner.fromFile(p1).publicKey().keyId())
                .isEqualTo(LocalKeySigner.fromFile(p8).publicKey().keyId());
    }

    @Test
    void fromFile_pemEd25519_isRejectedAsToughRejectsIt() throws Exception {
        Path pem = Files.write(dir.resolve("ed.pem"),
                TestKeys.pem("PRIVATE KEY", TestKeys.generate(TestKeys.Kind.ED25519)));

        assertThatThrownBy(() -> LocalKeySigner.fromFile(pem)).isInstanceOf(TwoliterException.class)
                .hasMessageContaining("'" + pem + "'").hasMessageContaining("not RSA");
    }

    @Test
    void fromFile_garbage_namesTheFileButNotItsContent() throws Exception {
        Path bad = Files.write(dir.resolve("bad.pem"),
                "-----BEGIN RSA PRIVATE KEY-----\nc2VjcmV0c2VjcmV0\n-----END RSA PRIVATE KEY-----\n"
                        .getBytes(StandardCharsets.US_ASCII));

        assertThatThrownBy(() -> LocalKeySigner.fromFile(bad)).isInstanceOf(TwoliterException.class)
                .hasMessageContaining("'" + bad + "'").hasMessageNotContaining("c2VjcmV0");
    }

    @Test
    void toString_showsKeyIdOnly() throws Exception {
        LocalKeySigner signer = LocalKeySigner.fromFile(TestKeys.write(dir, TestKeys.Kind.RSA_PKCS1));
        String pemBody = Files.readString(dir.resolve("rsa_pkcs1.pem")).lines().skip(1).findFirst().orElseThrow();

        assertThat(signer.toString()).contains(signer.publicKey().keyId()).doesNotContain(pemBody);
    }
}
