package buildsys.container;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** This JVM as the labels of its containers name it ({@link ContainerOwner}), and the processes it can see. */
final class ThisProcess {
    private static final ContainerOwner OWNER = owner();

    private ThisProcess() {
    }

    static ContainerOwner current() {
        return OWNER;
    }

    /** The live processes of this host and PID namespace, with their start times. */
    static OrphanPolicy.ProcessTable processes() {
        return pid -> ProcessHandle.of(pid).filter(ProcessHandle::isAlive).map(ThisProcess::started);
    }

    /**
     * The kernel's boot id and this process's PID namespace: equal exactly when a pid read from a label names a
     * process we can see. Containers on one host share the boot id but not the namespace; two hosts never share a
     * boot id. Without /proc (not Linux), the host name; without that, the run id, which matches no other run.
     */
    static String hostIdentity(Path proc, Optional<String> hostname, String run) {
        try {
            String boot = Files.readString(proc.resolve("sys/kernel/random/boot_id"), StandardCharsets.US_ASCII)
                    .strip();
            String pidNamespace = Files.readSymbolicLink(proc.resolve("self/ns/pid")).toString();
            if (!boot.isEmpty() && !pidNamespace.isEmpty()) {
                return "boot " + boot + ", " + pidNamespace;
            }
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            // Not Linux, or /proc is hidden: fall back below.
        }
        return hostname.filter(h -> !h.isBlank()).map(h -> "host " + h).orElse("run " + run);
    }

    private static ContainerOwner owner() {
        String run = UUID.randomUUID().toString();
        ProcessHandle self = ProcessHandle.current();
        return new ContainerOwner(run, hostIdentity(Path.of("/proc"), hostname(), run), self.pid(), started(self));
    }

    private static String started(ProcessHandle process) {
        return process.info().startInstant().map(Instant::toString).orElse(ContainerOwner.UNKNOWN);
    }

    private static Optional<String> hostname() {
        try {
            return Optional.of(InetAddress.getLocalHost().getHostName());
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
