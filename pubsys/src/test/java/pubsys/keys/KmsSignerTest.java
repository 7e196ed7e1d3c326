package pubsys.keys;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import common.TwoliterException;
import java.security.KeyPair;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import pubsys.infra.SigningKeySource;
import pubsys.tuf.LocalKeySigner;
import pubsys.tuf.Role;
import pubsys.tuf.RoleKeys;
import pubsys.tuf.Root;
import pubsys.tuf.Signature;
import pubsys.tuf.Signed;
import pubsys.tuf.Snapshot;
import pubsys.tuf.TufKey;
import pubsys.tuf.Verifier;

class KmsSignerTest {
    static final String KEY_ID = "abc-def-123";
    static final String KEY_ARN = "arn:aws:kms:us-west-2:111122223333:key/" + KEY_ID;
    static final Instant FAR = Instant.parse("2099-01-01T00:00:00Z");
    static final String SIGV4_US_WEST_2 = "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/\\d{8}/us-west-2/kms/aws4_request.*";

    @RegisterExtension
    static WireMockExtension kms = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    static KeyPair pair;

    @BeforeAll
    static void key() throws Exception {
        pair = FakeAws.rsa(3072);
    }

    static SigningKeySource.Kms inUsWest2() {
        return new SigningKeySource.Kms(KEY_ID, Map.of(KEY_ID, "us-west-2"));
    }

    @Test
    void publicKey_isTheTufKeyLocalKeySignerWritesForTheSameKey() throws Exception {
        kms.stubFor(FakeAws.call("TrentService.GetPublicKey").willReturn(
                FakeAws.ok(FakeAws.publicKeyResponse(KEY_ARN, pair))));
        TufKey local = LocalKeySigner.fromPem(FakeAws.pkcs8Pem(pair.getPrivate()), "test key").publicKey();

        try (KmsSigner signer = KmsSigner.create(inUsWest2(), FakeAws.clients(kms.baseUrl()))) {
            assertThat(signer.publicKey().json()).isEqualTo(local.json());
            assertThat(signer.publicKey().keyId()).isEqualTo(local.keyId());
            assertThat(signer.publicKey().keytype()).isEqualTo("rsa");
            assertThat(signer.publicKey().scheme()).isEqualTo("rsassa-pss-sha256");
            assertThat(signer.toString()).contains(KEY_ID, "us-west-2", local.keyId());
        }
        kms.verify(postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("TrentService.GetPublicKey"))
                .withHeader("Content-Type", equalTo(FakeAws.JSON_11))
                .withRequestBody(matchingJsonPath("$.KeyId", equalTo(KEY_ID))));
    }

    @Test
    void sign_sendsTheDigestWithPssInTheKeysRegion_andVerifierAcceptsTheSignedRole() throws Exception {
        kms.stubFor(FakeAws.call("TrentService.GetPublicKey").willReturn(
                FakeAws.ok(FakeAws.publicKeyResponse(KEY_ARN, pair))));
        try (KmsSigner signer = KmsSigner.create(inUsWest2(), FakeAws.clients(kms.baseUrl()))) {
            String id = signer.publicKey().keyId();
            Root root = rootListing(signer.publicKey());
            Signed<Snapshot> unsigned = Signed.unsigned(new Snapshot(1, FAR, Map.of()));
            byte[] message = unsigned.canonicalBytes();
            // KMS signs the digest; PSS over the message with the JDK yields a signature of the same form.
            kms.stubFor(FakeAws.call("TrentService.Sign")
                    .withRequestBody(matchingJsonPath("$.Message", equalTo(FakeAws.b64(FakeAws.sha256(message)))))
                    .willReturn(FakeAws.ok(FakeAws.signResponse(KEY_ARN,
                            FakeAws.pssSign(pair.getPrivate(), message)))));

            byte[] sig = signer.sign(message);
            Signed<Snapshot> signed =
                    unsigned.withSignatures(List.of(new Signature(id, HexFormat.of().formatHex(sig))));

            assertThat(sig).hasSize(384);
            assertThatCode(() -> Verifier.verify(root, Role.SNAPSHOT, signed, "1.snapshot.json"))
                    .doesNotThrowAnyException();
        }
        kms.verify(postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("TrentService.Sign"))
                .withHeader("Authorization", matching(SIGV4_US_WEST_2))
                .withRequestBody(matchingJsonPath("$.KeyId", equalTo(KEY_ID)))
                .withRequestBody(matchingJsonPath("$.SigningAlgorithm", equalTo("RSASSA_PSS_SHA_256")))
                .withRequestBody(matchingJsonPath("$.MessageType", equalTo("DIGEST"))));
    }

    @Test
    void create_keyNotInAvailableKeys_usesTheDefaultRegion() throws Exception {
        kms.stubFor(FakeAws.call("TrentService.GetPublicKey").willReturn(
                FakeAws.ok(FakeAws.publicKeyResponse(KEY_ARN, pair))));

        try (KmsSigner signer = KmsSigner.create(new SigningKeySource.Kms(KEY_ID, Map.of("other", "eu-west-1")),
                FakeAws.clients(kms.baseUrl()))) {
            assertThat(signer.keyId()).isEqualTo(KEY_ID);
        }
        kms.verify(postRequestedFor(urlEqualTo("/")).withHeader("Authorization",
                matching("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/\\d{8}/us-east-1/kms/aws4_request.*")));
    }

    @Test
    void create_kmsSpecificEndpointWinsOverTheGenericOne() throws Exception {
        kms.stubFor(FakeAws.call("TrentService.GetPublicKey").willReturn(
                FakeAws.ok(FakeAws.publicKeyResponse(KEY_ARN, pair))));
        AwsClientFactory clients = FakeAws.clients(
                Map.of("AWS_ENDPOINT_URL", "http://127.0.0.1:9", "AWS_ENDPOINT_URL_KMS", kms.baseUrl()));

        try (KmsSigner signer = KmsSigner.create(inUsWest2(), clients)) {
            assertThat(signer.publicKey().keytype()).isEqualTo("rsa");
        }
    }

    @Test
    void create_keyWithoutPss_isRejectedNamingTheKey() {
        kms.stubFor(FakeAws.call("TrentService.GetPublicKey").willReturn(FakeAws.ok(
                FakeAws.publicKeyResponse(KEY_ARN, pair, "RSASSA_PKCS1_V1_5_SHA_256"))));

        assertThatThrownBy(() -> KmsSigner.create(inUsWest2(), FakeAws.clients(kms.baseUrl())))
                .isInstanceOf(TwoliterException.class)
                .hasMessageContaining("KMS key '" + KEY_ID + "' in us-west-2")
                .hasMessageContaining("does not offer RSASSA_PSS_SHA_256");
    }

    @Test
    void create_blankKeyId_isTheUpstreamError() {
        assertThatThrownBy(() -> KmsSigner.create(new SigningKeySource.Kms(" ", Map.of()),
                FakeAws.clients(kms.baseUrl()))).isInstanceOf(TwoliterException.class)
                .hasMessage("Infra.toml is missing key_id");
    }

    @Test
    void sign_kmsError_namesTheKeyAndKmsMessage() throws Exception {
        kms.stubFor(FakeAws.call("TrentService.GetPublicKey").willReturn(
                FakeAws.ok(FakeAws.publicKeyResponse(KEY_ARN, pair))));
        kms.stubFor(FakeAws.call("TrentService.Sign").willReturn(
                FakeAws.error("DisabledException", "arn:... is disabled.")));

        try (KmsSigner signer = KmsSigner.create(inUsWest2(), FakeAws.clients(kms.baseUrl()))) {
            assertThatThrownBy(() -> signer.sign(new byte[] {1, 2, 3})).isInstanceOf(TwoliterException.class)
                    .hasMessageContaining("signing with KMS key '" + KEY_ID + "' in us-west-2 failed")
                    .hasMessageContaining("is disabled");
        }
    }

    @Test
    void sign_signatureThatDoesNotVerify_isRejected() throws Exception {
        kms.stubFor(FakeAws.call("TrentService.GetPublicKey").willReturn(
                FakeAws.ok(FakeAws.publicKeyResponse(KEY_ARN, pair))));
        // A PKCS#1 v1.5 signature, or any other key's, must not slip into metadata.
        kms.stubFor(FakeAws.call("TrentService.Sign").willReturn(FakeAws.ok(FakeAws.signResponse(KEY_ARN,
                FakeAws.pssSign(FakeAws.rsa(2048).getPrivate(), new byte[] {1, 2, 3})))));

        try (KmsSigner signer = KmsSigner.create(inUsWest2(), FakeAws.clients(kms.baseUrl()))) {
            assertThatThrownBy(() -> signer.sign(new byte[] {1, 2, 3})).isInstanceOf(TwoliterException.class)
                    .hasMessageContaining("does not verify");
        }
    }

    @Test
    void leftPad_shortSignature_getsLeadingZerosUpToTheModulusLength() {
        RSAPublicKey pub = (RSAPublicKey) pair.getPublic();
        assertThat(KmsSigner.modulusBytes(pub)).isEqualTo(384);
        assertThat(KmsSigner.leftPad(new byte[] {7, 8}, 4)).containsExactly(0, 0, 7, 8);
        assertThat(KmsSigner.leftPad(new byte[] {1, 2, 3}, 3)).containsExactly(1, 2, 3);
        assertThat(KmsSigner.leftPad(new byte[] {1, 2, 3}, 2)).isNull();
    }

    static Root rootListing(TufKey key) {
        Map<Role, RoleKeys> roles = new EnumMap<>(Role.class);
        for (Role r : Role.values()) {
            roles.put(r, new RoleKeys(List.of(key.keyId()), 1));
        }
        return new Root("1.0.0", true, 1, FAR, Map.of(key.keyId(), key), roles);
    }
}
