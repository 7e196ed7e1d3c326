package oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import common.TwoliterException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OciClientTest {
    private static final byte[] MANIFEST = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\"}"
            .getBytes(StandardCharsets.UTF_8);
    private static final Map<String, List<String>> OCI = Map.of("Content-Type", List.of(MediaTypes.OCI_MANIFEST));

    private static OciClient client(FakeTransport fake, long chunkSize) throws TwoliterException {
        return OciClient.builder().transport(fake).scheme(RegistryScheme.parse(null)).credentials(r -> Optional.empty())
                .retryPolicy(new RetryPolicy(3, Duration.ZERO, Duration.ZERO)).sleeper(d -> { })
                .chunkSize(chunkSize).build();
    }

    @Test
    void manifest_byTag_reportsComputedDigestAndAsksForAllTypes() throws Exception {
        FakeTransport fake = new FakeTransport().then(r -> Transport.Response.of(200, OCI, MANIFEST));

        Manifest manifest = client(fake, 10).manifest(ImageRef.parse("r.lan/kit:v1"));

        assertThat(manifest.digest()).isEqualTo(Digest.of(MANIFEST));
        assertThat(manifest.mediaType()).isEqualTo(MediaTypes.OCI_MANIFEST);
        assertThat(fake.lines()).containsExactly("GET https://r.lan/v2/kit/manifests/v1");
        assertThat(fake.requests.get(0).headers().get("Accept")).contains(MediaTypes.OCI_INDEX)
                .contains(MediaTypes.DOCKER_LIST).contains(MediaTypes.DOCKER_MANIFEST);
    }

    @Test
    void manifest_byDigestWithOtherContent_isRejected() throws Exception {
        String wanted = "sha256:" + "0".repeat(64);
        FakeTransport fake = new FakeTransport().then(r -> Transport.Response.of(200, OCI, MANIFEST));

        assertThatThrownBy(() -> client(fake, 10).manifest(ImageRef.parse("r.lan/kit@" + wanted)))
                .isInstanceOf(TwoliterException.class).hasMessageContaining("'" + wanted + "' was requested")
                .hasMessageContaining("registry 'r.lan'");
    }

    @Test
    void manifest_headerDigestDisagrees_isRejected() throws Exception {
        Map<String, List<String>> headers = Map.of("Content-Type", List.of(MediaTypes.OCI_MANIFEST),
                "Docker-Content-Digest", List.of("sha256:" + "1".repeat(64)));
        FakeTransport fake = new FakeTransport().then(r -> Transport.Response.of(200, headers, MANIFEST));

        assertThatThrownBy(() -> client(fake, 10).manifest(ImageRef.parse("r.lan/kit:v1")))
                .isInstanceOf(TwoliterException.class).hasMessageContaining("Docker-Content-Digest");
    }

    @Test
    void manifest_registryDown_retriesThenFailsWithHint() throws Exception {
        FakeTransport fake = new FakeTransport().otherwise(r -> Transport.Response.of(503, Map.of(), new byte[0]));

        assertThatThrownBy(() -> client(fake, 10).manifest(ImageRef.parse("r.lan/kit:v1")))
                .isInstanceOf(TwoliterException.class).hasMessageContaining("503")
                .hasMessageContaining("'kit'").hasMessageContaining("'v1'").hasMessageContaining("try again later");
        assertThat(fake.requests).hasSize(3);
    }

    @Test
    void manifest_closedLoopbackPort_saysWhyWithoutNull() throws Exception {
        // given: a port that was just closed, reached through the real java.net.http transport, whose connect
        // failures carry no message at all
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        OciClient client = OciClient.builder().scheme(RegistryScheme.parse(null)).credentials(r -> Optional.empty())
                .retryPolicy(new RetryPolicy(2, Duration.ZERO, Duration.ZERO)).sleeper(d -> { }).build();

        assertThatThrownBy(() -> client.manifest(ImageRef.parse("127.0.0.1:" + port + "/kit:v1")))
                .isInstanceOf(TwoliterException.class)
                .hasMessageContaining("cannot reach http://127.0.0.1:" + port + "/v2/kit/manifests/v1: connection"
                        + " refused or host unreachable (ConnectException) (after 2 attempts); check that the"
                        + " registry is up")
                .message().doesNotContain("null");
    }

    @Test
    void blob_redirectToFile_isRefusedNamingUrlAndTargetWithoutRetrying(@TempDir Path dir) throws Exception {
        // given: a real registry on loopback whose blob GET redirects to a local file, through java.net.http
        AtomicInteger requests = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            exchange.getResponseHeaders().add("Location", "file:///etc/passwd");
            exchange.sendResponseHeaders(307, -1);
            exchange.close();
        });
        server.start();
        try {
            int port = server.getAddress().getPort();
            OciClient client = OciClient.builder().scheme(RegistryScheme.parse(null))
                    .credentials(r -> Optional.empty()).retryPolicy(new RetryPolicy(3, Duration.ZERO, Duration.ZERO))
                    .sleeper(d -> { }).build();
            Digest digest = Digest.of(new byte[1]);
            Path target = dir.resolve("blob");

            assertThatThrownBy(() -> client.blob(ImageRef.parse("127.0.0.1:" + port + "/kit:v1"), digest, target))
                    .isInstanceOf(TwoliterException.class)
                    .hasMessageContaining("'http://127.0.0.1:" + port + "/v2/kit/blobs/" + digest + "' redirected to"
                            + " 'file:///etc/passwd', which is not http or https; refused, nothing was read")
                    .message().doesNotContain("attempts");
            assertThat(requests).hasValue(1);
            assertThat(target).doesNotExist();
        } finally {
            server.stop(0);
        }
    }

    @Test
    void pushBlob_uploadLocationNotHttp_isRefusedNamingIt(@TempDir Path dir) throws Exception {
        Path file = Files.write(dir.resolve("blob"), new byte[5]);
        FakeTransport fake = new FakeTransport().thenStatus(404, Map.of(), "")
                .thenStatus(202, Map.of("Location", List.of("file:///etc/passwd")), "");

        assertThatThrownBy(() -> client(fake, 10).pushBlob(ImageRef.parse("localhost:5000/kit:v1"), file))
                .isInstanceOf(TwoliterException.class)
                .hasMessageContaining("the registry answered 202 with Location 'file:///etc/passwd', which is not"
                        + " http or https");
        assertThat(fake.requests).hasSize(2);
    }

    @Test
    void pushBlob_large_postsPatchesAndClosesWithDigest(@TempDir Path dir) throws Exception {
        Path file = Files.write(dir.resolve("blob"), new byte[25]);
        Digest digest = Digest.of(new byte[25]);
        Map<String, List<String>> next = Map.of("Location", List.of("/v2/kit/blobs/uploads/u1?_state=s"));
        FakeTransport fake = new FakeTransport().thenStatus(404, Map.of(), "")
                .thenStatus(202, next, "").thenStatus(202, next, "").thenStatus(202, next, "")
                .thenStatus(202, next, "").thenStatus(201, Map.of(), "");

        PushedBlob pushed = client(fake, 10).pushBlob(ImageRef.parse("localhost:5000/kit:v1"), file);

        assertThat(pushed).isEqualTo(new PushedBlob(digest, 25, false));
        assertThat(fake.lines()).containsExactly(
                "HEAD http://localhost:5000/v2/kit/blobs/" + digest,
                "POST http://localhost:5000/v2/kit/blobs/uploads/",
                "PATCH http://localhost:5000/v2/kit/blobs/uploads/u1?_state=s",
                "PATCH http://localhost:5000/v2/kit/blobs/uploads/u1?_state=s",
                "PATCH http://localhost:5000/v2/kit/blobs/uploads/u1?_state=s",
                "PUT http://localhost:5000/v2/kit/blobs/uploads/u1?_state=s&digest=sha256%3A" + digest.hex());
        assertThat(fake.requests.subList(2, 5)).map(r -> r.headers().get("Content-Range"))
                .containsExactly("0-9", "10-19", "20-24");
        assertThat(fake.requests.get(4).body()).isEqualTo(new Transport.Body.FileRange(file, 20, 5));
    }

    @Test
    void pushBlob_present_onlyHeads(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("blob"), "x");
        FakeTransport fake = new FakeTransport().thenStatus(200, Map.of(), "");

        assertThat(client(fake, 10).pushBlob(ImageRef.parse("localhost/kit:v1"), file).alreadyPresent()).isTrue();
        assertThat(fake.requests).hasSize(1);
    }

    @Test
    void blob_contentWithOtherDigest_isRejectedAndTargetUntouched(@TempDir Path dir) throws Exception {
        Digest wanted = Digest.of("good".getBytes(StandardCharsets.UTF_8));
        FakeTransport fake = new FakeTransport().thenStatus(200, Map.of(), "evil");
        Path target = Files.writeString(dir.resolve("blob"), "old");

        assertThatThrownBy(() -> client(fake, 10).blob(ImageRef.parse("r.lan/kit:v1"), wanted, target))
                .isInstanceOf(TwoliterException.class).hasMessageContaining("'" + wanted + "'");
        assertThat(target).hasContent("old");
        assertThat(dir.toFile().list()).containsExactly("blob");
    }

    @Test
    void pushLayout_missingIndex_failsNamingPath(@TempDir Path dir) {
        assertThatThrownBy(() -> client(new FakeTransport(), 10).pushLayout(dir, ImageRef.parse("r.lan/kit:v1")))
                .isInstanceOf(TwoliterException.class).hasMessageContaining("'" + dir + "'")
                .hasMessageContaining("index.json");
    }
}
