package pubsys.keys;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import common.TwoliterException;
import java.security.KeyPair;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import pubsys.infra.SigningKeySource;
import pubsys.tuf.LocalKeySigner;

class SsmKeySignerTest {
    static final String NAME = "/my/parameter";

    @RegisterExtension
    static WireMockExtension ssm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    static KeyPair pair;
    static String pem;

    @BeforeAll
    static void key() throws Exception {
        pair = FakeAws.rsa(3072);
        pem = FakeAws.pkcs8Pem(pair.getPrivate());
    }

    @Test
    void create_parameterHoldingPem_signsAsTheSameKeyAFileWould() throws Exception {
        ssm.stubFor(FakeAws.call("AmazonSSM.GetParameter")
                .willReturn(FakeAws.ok(FakeAws.parameterResponse(NAME, pem))));

        SsmKeySigner signer = SsmKeySigner.create(new SigningKeySource.Ssm(NAME), FakeAws.clients(ssm.baseUrl()));
        LocalKeySigner local = LocalKeySigner.fromPem(pem, "local");

        assertThat(signer.publicKey().keyId()).isEqualTo(local.publicKey().keyId());
        assertThat(signer.sign(new byte[] {1, 2, 3})).hasSize(384);
        assertThat(signer.toString()).contains(NAME, local.publicKey().keyId());
        assertNoKeyText(signer.toString());
        ssm.verify(postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("AmazonSSM.GetParameter"))
                .withHeader("Content-Type", equalTo(FakeAws.JSON_11))
                .withHeader("Authorization",
                        matching("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/\\d{8}/us-east-1/ssm/aws4_request.*"))
                .withRequestBody(matchingJsonPath("$.Name", equalTo(NAME)))
                .withRequestBody(matchingJsonPath("$.WithDecryption", equalTo("true"))));
    }

    @Test
    void create_parameterHoldingBrokenKey_failsWithoutQuotingIt() {
        // Drop the middle of the base64 body: still PEM-shaped, no longer a key.
        List<String> lines = Arrays.asList(pem.split("\n"));
        String broken = lines.get(0) + "\n" + String.join("\n", lines.subList(1, 8)) + "\n"
                + lines.get(lines.size() - 1) + "\n";
        ssm.stubFor(FakeAws.call("AmazonSSM.GetParameter").willReturn(
                FakeAws.ok(FakeAws.parameterResponse(NAME, broken))));

        assertThatThrownBy(() -> SsmKeySigner.create(new SigningKeySource.Ssm(NAME), FakeAws.clients(ssm.baseUrl())))
                .isInstanceOf(TwoliterException.class).hasMessageContaining("ssm:" + NAME)
                .satisfies(e -> assertNoKeyText(describe(e)));
    }

    @Test
    void create_parameterHoldingNonRsaPem_failsWithoutQuotingIt() throws Exception {
        KeyPair ec = java.security.KeyPairGenerator.getInstance("EC").generateKeyPair();
        String ecPem = FakeAws.pkcs8Pem(ec.getPrivate());
        ssm.stubFor(FakeAws.call("AmazonSSM.GetParameter").willReturn(
                FakeAws.ok(FakeAws.parameterResponse(NAME, ecPem))));

        assertThatThrownBy(() -> SsmKeySigner.create(new SigningKeySource.Ssm(NAME), FakeAws.clients(ssm.baseUrl())))
                .isInstanceOf(TwoliterException.class).hasMessageContaining("not RSA")
                .satisfies(e -> assertThat(describe(e)).doesNotContain(ecPem.split("\n")[1]));
    }

    @Test
    void create_missingParameter_namesIt() {
        ssm.stubFor(FakeAws.call("AmazonSSM.GetParameter").willReturn(FakeAws.error("ParameterNotFound", "")));

        assertThatThrownBy(() -> SsmKeySigner.create(new SigningKeySource.Ssm(NAME), FakeAws.clients(ssm.baseUrl())))
                .isInstanceOf(TwoliterException.class)
                .hasMessageContaining("SSM parameter '" + NAME + "'").hasMessageContaining("does not exist");
    }

    /** Message, causes and stack-trace text together: everything a log line could show. */
    static String describe(Throwable e) {
        StringBuilder sb = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            sb.append(t).append('\n');
        }
        return sb.toString();
    }

    static void assertNoKeyText(String text) {
        List<String> body = Arrays.stream(pem.split("\n")).filter(l -> !l.startsWith("-----"))
                .collect(Collectors.toList());
        for (String line : body) {
            assertThat(text).doesNotContain(line.substring(0, Math.min(16, line.length())));
        }
    }
}
