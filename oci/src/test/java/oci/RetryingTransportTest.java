package oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RetryingTransportTest {
    private static final Transport.Request GET = new Transport.Request("GET", URI.create("http://r/v2/"), Map.of(),
            Transport.Body.none());
    private final List<Duration> waits = new ArrayList<>();
    private final RetryPolicy policy = new RetryPolicy(4, Duration.ofMillis(100), Duration.ofMillis(250));

    private RetryingTransport retrying(FakeTransport fake) {
        return new RetryingTransport(fake, policy, waits::add);
    }

    @Test
    void send_5xxThenOk_retriesWithBackoff() throws IOException {
        FakeTransport fake = new FakeTransport().thenStatus(503, Map.of(), "busy").thenStatus(500, Map.of(), "")
                .thenStatus(200, Map.of(), "ok");

        try (Transport.Response response = retrying(fake).send(GET)) {
            assertThat(response.status()).isEqualTo(200);
        }
        assertThat(fake.requests).hasSize(3);
        assertThat(waits).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200));
    }

    @Test
    void send_connectionErrorsExhausted_throwsWithAttemptCount() {
        FakeTransport fake = new FakeTransport().otherwise(r -> {
            throw new AssertionError();
        });
        for (int i = 0; i < 4; i++) {
            fake.then(r -> {
                throw new ConnectException("Connection refused");
            });
        }

        assertThatThrownBy(() -> retrying(fake).send(GET)).isInstanceOf(IOException.class)
                .hasMessageContaining("Connection refused").hasMessageContaining("after 4 attempts");
        assertThat(waits).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(250));
    }

    @Test
    void send_messagelessTimeoutsExhausted_namesTheTimeoutNotNull() {
        FakeTransport fake = new FakeTransport();
        for (int i = 0; i < 4; i++) {
            fake.then(r -> {
                throw new HttpTimeoutException(null);
            });
        }

        assertThatThrownBy(() -> retrying(fake).send(GET)).isInstanceOf(IOException.class)
                .hasMessage("timed out (HttpTimeoutException) (after 4 attempts)");
    }

    @Test
    void send_persistent5xx_returnsLastAnswer() throws IOException {
        FakeTransport fake = new FakeTransport().otherwise(r -> Transport.Response.of(502, Map.of(), new byte[0]));

        try (Transport.Response response = retrying(fake).send(GET)) {
            assertThat(response.status()).isEqualTo(502);
        }
        assertThat(fake.requests).hasSize(4);
    }

    @Test
    void send_4xx_isNotRetried() throws IOException {
        FakeTransport fake = new FakeTransport().thenStatus(404, Map.of(), "");

        try (Transport.Response response = retrying(fake).send(GET)) {
            assertThat(response.status()).isEqualTo(404);
        }
        assertThat(waits).isEmpty();
    }

    @Test
    void send_429_isRetried() throws IOException {
        FakeTransport fake = new FakeTransport().thenStatus(429, Map.of(), "").thenStatus(200, Map.of(), "");

        try (Transport.Response response = retrying(fake).send(GET)) {
            assertThat(response.status()).isEqualTo(200);
        }
    }

    @Test
    void policy_invalid_isRejected() {
        assertThatThrownBy(() -> new RetryPolicy(0, Duration.ZERO, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("got 0");
    }
}
