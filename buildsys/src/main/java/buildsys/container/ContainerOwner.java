package buildsys.container;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The twoliter run that created a container, as its labels record it: a per-run id, the identity of the host (and
 * PID namespace) the run's process lives in, its pid and its start time. A pid means something only on the same
 * host and in the same PID namespace; the start time tells a reused pid from the owner (issue 13 item 3).
 */
record ContainerOwner(String run, String host, long pid, String started) {
    static final String RUN = "dev.twoliter.run";
    static final String HOST = "dev.twoliter.host";
    /** Also set by earlier versions, alone: listing by it finds every twoliter container. */
    static final String PID = "dev.twoliter.pid";
    static final String STARTED = "dev.twoliter.started";
    /** A start time the platform does not report. */
    static final String UNKNOWN = "unknown";

    /** The labels that record this owner on a container. */
    Map<String, String> labels() {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(RUN, run);
        labels.put(HOST, host);
        labels.put(PID, Long.toString(pid));
        labels.put(STARTED, started);
        return labels;
    }

    /** The owner recorded in {@code labels}; empty when any label is missing or malformed. */
    static Optional<ContainerOwner> fromLabels(Map<String, String> labels) {
        String run = labels.get(RUN);
        String host = labels.get(HOST);
        String pid = labels.get(PID);
        String started = labels.get(STARTED);
        if (run == null || run.isBlank() || host == null || host.isBlank() || pid == null || !pid.matches("\\d{1,18}")
                || started == null || started.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(new ContainerOwner(run, host, Long.parseLong(pid), started));
    }
}
