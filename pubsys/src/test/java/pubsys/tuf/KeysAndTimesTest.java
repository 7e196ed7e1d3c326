package pubsys.tuf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import common.TwoliterException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class KeysAndTimesTest {
    @Test
    void keyId_ed25519_isSha256OfCompactSortedJson() throws Exception {
        // pubsys.md §16 T2
        String hex = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";
        ObjectNode json = (ObjectNode) TufJson.MAPPER.readTree(
                "{\"scheme\":\"ed25519\",\"keyval\":{\"public\":\"" + hex + "\"},\"keytype\":\"ed25519\"}");
        String expected = "{\"keytype\":\"ed25519\",\"keyval\":{\"public\":\"" + hex + "\"},\"scheme\":\"ed25519\"}";
        assertThat(new TufKey(json).keyId())
                .isEqualTo(TufJson.sha256Hex(expected.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void keyId_rsaPem_hashesRawNewlines() throws Exception {
        LocalKeySigner rsa = LocalKeySigner.fromFile(
                TestKeys.write(java.nio.file.Files.createTempDirectory("k"), TestKeys.Kind.RSA_PKCS1));
        String pem = rsa.publicKey().publicValue();
        assertThat(pem).startsWith("-----BEGIN PUBLIC KEY-----\n").endsWith("\n-----END PUBLIC KEY-----");
        assertThat(pem.lines().skip(1).filter(l -> !l.startsWith("-----"))).allMatch(l -> l.length() <= 64);
        String expected = "{\"keytype\":\"rsa\",\"keyval\":{\"public\":\"" + pem + "\"},\"scheme\":\"rsassa-pss-sha256\"}";
        assertThat(expected).contains("\n");
        assertThat(rsa.publicKey().keyId()).isEqualTo(TufJson.sha256Hex(expected.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void datetime_millisAndWholeSeconds_renderAsChronoAutoSi() {
        // pubsys.md §16 T4
        assertThat(TufJson.datetime(Instant.parse("2024-10-25T22:14:47Z").plusNanos(123_000_000)))
                .isEqualTo("2024-10-25T22:14:47.123Z");
        assertThat(TufJson.datetime(Instant.parse("2024-10-25T22:14:47Z"))).isEqualTo("2024-10-25T22:14:47Z");
        assertThat(TufJson.datetime(Instant.parse("2024-10-25T22:14:47.123456789Z")))
                .isEqualTo("2024-10-25T22:14:47.123456789Z");
    }

    @Test
    void parseDatetime_yearOutsideFourDigits_isRefusedAsNotRfc3339() throws Exception {
        // chrono's RFC 3339 parser, which tough uses, takes exactly four year digits
        assertThatThrownBy(() -> TufJson.parseDatetime("+82316574-04-13T00:00:00Z", "'expires' in 'timestamp.json'"))
                .isInstanceOf(TwoliterException.class).hasMessage("'expires' in 'timestamp.json' must be an RFC 3339"
                        + " datetime, got '+82316574-04-13T00:00:00Z'");
        assertThat(TufJson.parseDatetime("9999-12-31T23:59:59Z", "x")).isEqualTo(Instant.parse("9999-12-31T23:59:59Z"));
    }
}
