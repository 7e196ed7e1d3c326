package pubsys.repo;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import common.TwoliterException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RepoMirrorTest {
    @Test
    void mirror_closedLoopbackPort_saysWhyWithoutNull(@TempDir Path dir) throws Exception {
        // given: a port that was just closed; java.net.http's connect failure carries no message at any level
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        URI metadata = URI.create("http://127.0.0.1:" + port + "/metadata/");

        assertThatThrownBy(() -> new RepoMirror().mirror(metadata, URI.create("http://127.0.0.1:" + port
                + "/targets/"), dir, name -> true))
                .isInstanceOf(TwoliterException.class)
                .hasMessage("cannot read the repo at '" + metadata + "': connection refused or host unreachable"
                        + " (ConnectException)");
    }
}
