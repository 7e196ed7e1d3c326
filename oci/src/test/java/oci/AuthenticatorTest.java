package oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import common.TwoliterException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AuthenticatorTest {
    private static final Transport.Request GET = new Transport.Request("GET",
            URI.create("https://r.lan/v2/kit/manifests/v1"), Map.of(), Transport.Body.none());
    private static final Map<String, List<String>> BEARER = Map.of("WWW-Authenticate", List.of(
            "Bearer realm=\"https://auth.lan/token\",service=\"r.lan\",scope=\"repository:kit:pull\""));

    @Test
    void send_bearerChallenge_fetchesTokenWithBasicAndRetries() throws Exception {
        FakeTransport fake = new FakeTransport().thenStatus(401, BEARER, "")
                .thenStatus(200, Map.of(), "{\"token\":\"T1\"}").thenStatus(200, Map.of(), "manifest");
        Authenticator auth = new Authenticator(fake, r -> Optional.of(new Credential("u", "p")));

        try (Transport.Response response = auth.send("r.lan", GET)) {
            assertThat(response.status()).isEqualTo(200);
        }
        assertThat(fake.lines()).containsExactly("GET https://r.lan/v2/kit/manifests/v1",
                "GET https://auth.lan/token?service=r.lan&scope=repository%3Akit%3Apull",
                "GET https://r.lan/v2/kit/manifests/v1");
        assertThat(fake.requests.get(1).headers()).containsEntry("Authorization", "Basic dTpw");
        assertThat(fake.requests.get(2).headers()).containsEntry("Authorization", "Bearer T1");
    }

    @Test
    void send_afterToken_reusesItWithoutChallenge() throws Exception {
        FakeTransport fake = new FakeTransport().thenStatus(401, BEARER, "")
                .thenStatus(200, Map.of(), "{\"access_token\":\"T2\"}").otherwise(r ->
                        Transport.Response.of(200, Map.of(), new byte[0]));
        Authenticator auth = new Authenticator(fake, r -> Optional.empty());

        auth.send("r.lan", GET).close();
        auth.send("r.lan", GET).close();

        assertThat(fake.requests).hasSize(4);
        assertThat(fake.requests.get(1).headers()).doesNotContainKey("Authorization");
        assertThat(fake.requests.get(3).headers()).containsEntry("Authorization", "Bearer T2");
    }

    @Test
    void send_basicChallengeWithCredentials_sendsBasic() throws Exception {
        FakeTransport fake = new FakeTransport()
                .thenStatus(401, Map.of("WWW-Authenticate", List.of("Basic realm=\"r\"")), "")
                .thenStatus(200, Map.of(), "");
        Authenticator auth = new Authenticator(fake, r -> Optional.of(new Credential("u", "p")));

        auth.send("r.lan", GET).close();

        assertThat(fake.requests.get(1).headers()).containsEntry("Authorization", "Basic dTpw");
    }

    @Test
    void send_tokenServiceRefuses_failsNamingRealmAndFix() {
        FakeTransport fake = new FakeTransport().thenStatus(401, BEARER, "").thenStatus(401, Map.of(), "denied");
        Authenticator auth = new Authenticator(fake, r -> Optional.empty());

        assertThatThrownBy(() -> auth.send("r.lan", GET)).isInstanceOf(TwoliterException.class)
                .hasMessageContaining("'https://auth.lan/token'").hasMessageContaining("docker login r.lan");
    }

    @Test
    void send_noChallenge_failsClearly() {
        FakeTransport fake = new FakeTransport().thenStatus(401, Map.of(), "");
        Authenticator auth = new Authenticator(fake, r -> Optional.empty());

        assertThatThrownBy(() -> auth.send("r.lan", GET)).isInstanceOf(TwoliterException.class)
                .hasMessageContaining("without a WWW-Authenticate challenge");
    }
}
