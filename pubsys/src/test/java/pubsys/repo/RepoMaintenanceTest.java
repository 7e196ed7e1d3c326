package pubsys.repo;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import common.ErrorCategory;
import common.TwoliterException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pubsys.infra.RepoConfig;

class RepoMaintenanceTest {
    @Test
    void validate_unreachableMetadataBaseUrl_namesTheCauseNotNull(@TempDir Path dir) throws Exception {
        // given: Infra.toml URLs on a loopback port that was just closed (validate-repo's path, issue 13 item 14)
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        RepoConfig config = new RepoConfig(Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.of(URI.create("http://127.0.0.1:" + port + "/metadata")),
                Optional.of(URI.create("http://127.0.0.1:" + port + "/targets")));

        assertThatThrownBy(() -> RepoMaintenance.validate("default", config, "aws-dev", "x86_64",
                dir.resolve("root.json"), true, Clock.systemUTC()))
                .isInstanceOf(TwoliterException.class)
                .satisfies(e -> org.assertj.core.api.Assertions.assertThat(((TwoliterException) e).category())
                        .isEqualTo(ErrorCategory.FAILURE))
                .hasMessage("cannot read the repo at 'http://127.0.0.1:" + port + "/metadata/aws-dev/x86_64':"
                        + " connection refused or host unreachable (ConnectException)");
    }
}
