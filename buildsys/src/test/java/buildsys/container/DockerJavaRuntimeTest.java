package buildsys.container;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import common.ErrorCategory;
import common.TwoliterException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Connecting to engines that are not there or do not answer; no Docker engine is needed. */
class DockerJavaRuntimeTest {
    private static final DockerTimeouts SHORT = new DockerTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(1));

    @TempDir
    Path dir;

    @Test
    void connect_garbageDockerHost_oneLineNamingTheVariableValueAndFormsExit2() {
        assertThatThrownBy(() -> DockerJavaRuntime.connect(Map.of("DOCKER_HOST", "::garbage::"), SHORT))
                .isInstanceOf(TwoliterException.class)
                .hasMessage("DOCKER_HOST is '::garbage::', which is not a Docker engine address; use"
                        + " unix:///path/to/docker.sock or tcp://host:port, or unset it for the default socket")
                .satisfies(e -> assertThat(((TwoliterException) e).category()).isEqualTo(ErrorCategory.BAD_INPUT))
                .satisfies(e -> assertThat(((TwoliterException) e).exitCode()).isEqualTo(2));
    }

    @Test
    void parse_acceptsUnixAndTcpAddresses_refusesTheRest() throws TwoliterException {
        for (String good : new String[] {"unix:///var/run/docker.sock", "tcp://127.0.0.1:2375", "tcp://[::1]:2376/",
                "tcp://docker.example:2376"}) {
            assertThat(DockerEndpoint.parse(good)).as(good).hasToString(good);
        }
        for (String bad : new String[] {"::garbage::", "/var/run/docker.sock", "unix://var/run/docker.sock",
                "unix://", "tcp://host", "tcp://:2375", "http://host:2375", "ssh://user@host", "tcp://h:1/x",
                "tcp://u@h:1", "unix:///s?x=1"}) {
            assertThatThrownBy(() -> DockerEndpoint.parse(bad)).as(bad)
                    .hasMessageStartingWith("DOCKER_HOST is '" + bad + "', which is not a Docker engine address");
        }
    }

    @Test
    void connect_tcpEngineThatAcceptsAndNeverAnswers_timesOutNamingTheEngine() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            List<Socket> accepted = new ArrayList<>();
            Thread acceptor = acceptForever(() -> accepted.add(server.accept()));
            String host = "tcp://127.0.0.1:" + server.getLocalPort();

            TwoliterException e = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> connectFailure(host));

            assertThat(e.getMessage()).startsWith("the Docker engine at '" + host + "' (DOCKER_HOST) did not answer a"
                    + " ping within 3 s; check that dockerd is running");
            acceptor.interrupt();
            for (Socket socket : accepted) {
                socket.close();
            }
        }
    }

    @Test
    void connect_unixSocketThatAcceptsAndNeverAnswers_timesOutNamingTheEngine() throws Exception {
        Path socket = dir.resolve("docker.sock");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(socket));
            List<SocketChannel> accepted = new ArrayList<>();
            Thread acceptor = acceptForever(() -> accepted.add(server.accept()));
            String host = "unix://" + socket;

            TwoliterException e = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> connectFailure(host));

            assertThat(e.getMessage()).startsWith("the Docker engine at '" + host + "' (DOCKER_HOST) did not answer");
            acceptor.interrupt();
            for (SocketChannel channel : accepted) {
                channel.close();
            }
        }
    }

    @Test
    void engineAnsweringGarbage_saysItIsNotTheDockerApi_withoutJacksonText() throws Exception {
        com.sun.net.httpserver.HttpServer server = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            boolean ping = exchange.getRequestURI().getPath().endsWith("/_ping");
            byte[] body = (ping ? "OK" : "<html>not an engine</html>")
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", ping ? "text/plain" : "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        String host = "tcp://127.0.0.1:" + server.getAddress().getPort();
        try (DockerJavaRuntime runtime = DockerJavaRuntime.connect(Map.of("DOCKER_HOST", host), SHORT)) {
            assertThatThrownBy(() -> runtime.imageId("twoliter-sdk:test")).isInstanceOf(TwoliterException.class)
                    .hasMessageContaining("answered with something that is not the Docker API")
                    .hasMessageContaining(host)
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("Unrecognized token", "jackson"));
        } finally {
            server.stop(0);
        }
    }

    @Test
    void connect_nothingListening_saysTheEngineCannotBeReached() {
        String host = "unix://" + dir.resolve("absent.sock");

        TwoliterException e = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> connectFailure(host));

        assertThat(e.getMessage()).startsWith("no Docker engine answers: the Docker engine at '" + host
                + "' (DOCKER_HOST) cannot be reached (");
    }

    private static TwoliterException connectFailure(String host) {
        try {
            DockerJavaRuntime.connect(Map.of("DOCKER_HOST", host), SHORT).close();
        } catch (TwoliterException e) {
            return e;
        }
        throw new AssertionError("connected to " + host);
    }

    private interface Accept {
        void once() throws IOException;
    }

    private static Thread acceptForever(Accept accept) {
        Thread thread = new Thread(() -> {
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    accept.once();
                }
            } catch (IOException e) {
                // The server was closed.
            }
        }, "silent-engine");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }
}
