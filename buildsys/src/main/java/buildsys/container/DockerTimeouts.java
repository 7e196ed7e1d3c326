package buildsys.container;

import java.time.Duration;
import java.util.Objects;

/**
 * How long to wait for the Docker engine: to connect, and for the answer to a call that should be quick (ping,
 * inspect, list). Calls that legitimately take long (pulls, image builds, waiting for a container, copies) have no
 * response timeout.
 */
record DockerTimeouts(Duration connect, Duration quickCall) {
    /** An engine that does not answer a ping in 30 s is stuck or is not an engine; a busy one answers in ms. */
    static final DockerTimeouts DEFAULT = new DockerTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(20));

    DockerTimeouts {
        Objects.requireNonNull(connect);
        Objects.requireNonNull(quickCall);
    }

    /** The longest a quick call may take, connecting included. */
    Duration total() {
        return connect.plus(quickCall);
    }
}
