package buildsys.container;

import java.util.Map;
import java.util.Optional;

/**
 * Decides whether a twoliter container found on the engine is an orphan to remove. On a shared engine other users'
 * runs are live, so only a container proven dead is removed: same host and PID namespace as this run, and its owner
 * process gone (no such pid, or the pid now belongs to a process started at another time). Anything else is left
 * alone with the reason, for the debug log.
 */
final class OrphanPolicy {
    /** The processes of this host and PID namespace. */
    interface ProcessTable {
        /** Empty when no live process has {@code pid}; else its start time as labels record it (or UNKNOWN). */
        Optional<String> started(long pid);
    }

    /** What to do with one container, and why. */
    sealed interface Verdict {
        String reason();
    }

    record Remove(String reason) implements Verdict {
    }

    record Keep(String reason) implements Verdict {
    }

    private final ContainerOwner self;
    private final ProcessTable processes;

    OrphanPolicy(ContainerOwner self, ProcessTable processes) {
        this.self = self;
        this.processes = processes;
    }

    Verdict decide(Map<String, String> labels) {
        Optional<ContainerOwner> found = ContainerOwner.fromLabels(labels);
        if (found.isEmpty()) {
            return new Keep("it lacks the " + ContainerOwner.RUN + ", " + ContainerOwner.HOST + ", "
                    + ContainerOwner.PID + " and " + ContainerOwner.STARTED + " labels (an older twoliter made it, or"
                    + " someone else), so whether its owner is alive cannot be told");
        }
        ContainerOwner owner = found.get();
        if (owner.run().equals(self.run())) {
            return new Keep("this run made it");
        }
        if (!owner.host().equals(self.host())) {
            return new Keep("run " + owner.run() + " made it on another host or PID namespace ('" + owner.host()
                    + "'), where pid " + owner.pid() + " cannot be checked from here");
        }
        Optional<String> started = processes.started(owner.pid());
        if (started.isEmpty()) {
            return new Remove("its twoliter process " + owner.pid() + " (run " + owner.run() + ") is gone");
        }
        boolean known = !owner.started().equals(ContainerOwner.UNKNOWN)
                && !started.get().equals(ContainerOwner.UNKNOWN);
        if (known && !owner.started().equals(started.get())) {
            return new Remove("pid " + owner.pid() + " now belongs to a process started at " + started.get()
                    + ", not to its twoliter process started at " + owner.started() + " (run " + owner.run() + ")");
        }
        return new Keep("its twoliter process " + owner.pid() + " (run " + owner.run() + ") is still running");
    }
}
