package buildsys.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HttpTransportTest {
    private final HttpTransport transport = new HttpTransport("0.1.0", Duration.ofSeconds(5), Duration.ofSeconds(5));
    private FakeServer server;

    @BeforeEach
    void setUp() throws IOException {
        server = new FakeServer();
    }

    @AfterEach
    void tearDown() {
        server.close();
    }

    @Test
    void fetch_ok_returnsBodyAndSendsUserAgent() throws IOException {
        server.serve("/f", "body".getBytes(StandardCharsets.UTF_8));

        try (InputStream in = transport.fetch(server.uri("/f"))) {
            assertThat(in).hasContent("body");
        }
        assertThat(server.userAgents()).containsExactly("twoliter-jvm/0.1.0 (+buildsys)");
    }

    @Test
    void fetch_redirect_isFollowed() throws IOException {
        server.serve("/moved", "body".getBytes(StandardCharsets.UTF_8)).redirect("/f", server.uri("/moved").toString());

        try (InputStream in = transport.fetch(server.uri("/f"))) {
            assertThat(in).hasContent("body");
        }
        assertThat(server.requests("/moved")).isEqualTo(1);
    }

    @Test
    void fetch_404And410_areNotFound() {
        server.status("/gone", 410);

        assertThatThrownBy(() -> transport.fetch(server.uri("/missing"))).isInstanceOf(NotFoundException.class)
                .extracting(e -> ((NotFoundException) e).status()).isEqualTo("404 Not Found");
        assertThatThrownBy(() -> transport.fetch(server.uri("/gone"))).isInstanceOf(NotFoundException.class)
                .extracting(e -> ((NotFoundException) e).status()).isEqualTo("410 Gone");
    }

    @Test
    void fetch_serverError_isAnotherFailure() {
        server.status("/f", 500);

        assertThatThrownBy(() -> transport.fetch(server.uri("/f"))).isInstanceOf(IOException.class)
                .isNotInstanceOf(NotFoundException.class).hasMessage("500 Internal Server Error");
    }

    @Test
    void fetch_connectionRefused_namesHostAndPort() {
        server.close();
        URI uri = server.uri("/f");

        assertThatThrownBy(() -> transport.fetch(uri)).isInstanceOf(IOException.class)
                .isNotInstanceOf(NotFoundException.class)
                .hasMessage("cannot reach '127.0.0.1:" + uri.getPort() + "': connection refused or host unreachable"
                        + " (ConnectException)");
    }

    @Test
    void fetch_unknownHost_saysSo() {
        assertThatThrownBy(() -> transport.fetch(URI.create("http://no-such-host.invalid/f")))
                .isInstanceOf(IOException.class).hasMessage("cannot reach 'no-such-host.invalid': unknown host"
                        + " (UnresolvedAddressException)");
    }

    @Test
    void fetch_nonHttpScheme_isRefused() {
        assertThatThrownBy(() -> transport.fetch(URI.create("file:///etc/passwd")))
                .isInstanceOf(IOException.class).hasMessageContaining("unsupported URL scheme 'file'");
    }

    @Test
    void fetch_redirectToFile_isRefusedNamingUrlAndTarget() {
        server.redirect("/f", "file:///etc/passwd");
        URI uri = server.uri("/f");

        assertThatThrownBy(() -> transport.fetch(uri)).isInstanceOf(IOException.class)
                .isNotInstanceOf(NotFoundException.class)
                .hasMessage("'" + uri + "' redirected to 'file:///etc/passwd', which is not http or https;"
                        + " refused, nothing was read");
    }

    @Test
    void fetch_relativeRedirect_isResolvedAgainstTheUrl() throws IOException {
        server.serve("/dir/moved", "body".getBytes(StandardCharsets.UTF_8)).redirect("/dir/f", "moved");

        try (InputStream in = transport.fetch(server.uri("/dir/f"))) {
            assertThat(in).hasContent("body");
        }
    }

    @Test
    void fetch_redirectLoop_followsTenRedirectsThenStops() {
        server.redirect("/a", "/b").redirect("/b", "/a");
        URI uri = server.uri("/a");

        assertThatThrownBy(() -> transport.fetch(uri)).isInstanceOf(IOException.class)
                .hasMessage("'" + uri + "' redirected more than 10 times; last to '" + server.uri("/b") + "'");
        assertThat(server.requests("/a") + server.requests("/b")).isEqualTo(11);
    }
}
