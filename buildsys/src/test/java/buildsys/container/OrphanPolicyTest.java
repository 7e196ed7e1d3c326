package buildsys.container;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OrphanPolicyTest {
    private static final String HOST = "boot 1b0e6f4c-0000-4000-8000-000000000001, pid:[4026531836]";
    private static final ContainerOwner SELF = new ContainerOwner("run-self", HOST, 100, "2024-01-01T00:00:00Z");
    /** Only pid 100 (this run) and pid 200, started at noon, are alive here. */
    private static final OrphanPolicy.ProcessTable PROCESSES = pid -> pid == 100 ? Optional.of(SELF.started())
            : pid == 200 ? Optional.of("2024-01-01T12:00:00Z") : Optional.empty();
    private final OrphanPolicy policy = new OrphanPolicy(SELF, PROCESSES);

    @Test
    void decide_liveRunOfAnotherHostWhosePidIsFreeHere_isLeftAlone() {
        // The shared-engine case: pid 300 is not alive in this PID namespace, but it is not ours to judge.
        ContainerOwner other = new ContainerOwner("run-other", "boot 2c1f-..., pid:[4026532999]", 300, "t");

        OrphanPolicy.Verdict verdict = policy.decide(other.labels());

        assertThat(verdict).isInstanceOf(OrphanPolicy.Keep.class);
        assertThat(verdict.reason()).contains("another host or PID namespace").contains("pid:[4026532999]");
    }

    @Test
    void decide_containerWithOnlyTheOldPidLabel_isLeftAlone() {
        OrphanPolicy.Verdict verdict = policy.decide(Map.of("dev.twoliter.pid", "300"));

        assertThat(verdict).isInstanceOf(OrphanPolicy.Keep.class);
        assertThat(verdict.reason()).contains("lacks the dev.twoliter.run");
    }

    @Test
    void decide_sameHostOwnerGone_isRemoved() {
        OrphanPolicy.Verdict verdict = policy.decide(new ContainerOwner("run-killed", HOST, 300, "t").labels());

        assertThat(verdict).isInstanceOf(OrphanPolicy.Remove.class);
        assertThat(verdict.reason()).contains("process 300 (run run-killed) is gone");
    }

    @Test
    void decide_sameHostPidReusedByAnotherProcess_isRemoved() {
        ContainerOwner killed = new ContainerOwner("run-killed", HOST, 200, "2024-01-01T06:00:00Z");

        OrphanPolicy.Verdict verdict = policy.decide(killed.labels());

        assertThat(verdict).isInstanceOf(OrphanPolicy.Remove.class);
        assertThat(verdict.reason()).contains("pid 200 now belongs to a process started at 2024-01-01T12:00:00Z");
    }

    @Test
    void decide_sameHostOwnerAlive_isLeftAlone() {
        ContainerOwner live = new ContainerOwner("run-live", HOST, 200, "2024-01-01T12:00:00Z");

        assertThat(policy.decide(live.labels())).isInstanceOf(OrphanPolicy.Keep.class);
    }

    @Test
    void decide_startTimeUnknown_aliveOwnerIsLeftAlone() {
        ContainerOwner live = new ContainerOwner("run-live", HOST, 200, ContainerOwner.UNKNOWN);

        assertThat(policy.decide(live.labels())).isInstanceOf(OrphanPolicy.Keep.class);
    }

    @Test
    void decide_thisRunsOwnContainer_isLeftAlone() {
        assertThat(policy.decide(SELF.labels())).isInstanceOf(OrphanPolicy.Keep.class);
    }

    @Test
    void decide_malformedPid_isLeftAlone() {
        Map<String, String> labels = new java.util.HashMap<>(new ContainerOwner("r", HOST, 300, "t").labels());
        labels.put("dev.twoliter.pid", "3x");

        assertThat(policy.decide(labels)).isInstanceOf(OrphanPolicy.Keep.class);
    }

    @Test
    void hostIdentity_bootIdAndPidNamespace_elseHostName_elseTheRun(@TempDir Path proc) throws Exception {
        assertThat(ThisProcess.hostIdentity(proc, Optional.of("builder-1"), "run-1")).isEqualTo("host builder-1");
        assertThat(ThisProcess.hostIdentity(proc, Optional.empty(), "run-1")).isEqualTo("run run-1");

        Files.createDirectories(proc.resolve("sys/kernel/random"));
        Files.writeString(proc.resolve("sys/kernel/random/boot_id"), "b00t\n");
        Files.createDirectories(proc.resolve("self/ns"));
        Files.createSymbolicLink(proc.resolve("self/ns/pid"), Path.of("pid:[4026532111]"));

        assertThat(ThisProcess.hostIdentity(proc, Optional.of("builder-1"), "run-1"))
                .isEqualTo("boot b00t, pid:[4026532111]");
    }

    @Test
    void current_isRecognisedAsAliveByTheRealProcessTable() {
        ContainerOwner self = ThisProcess.current();
        OrphanPolicy real = new OrphanPolicy(new ContainerOwner("another-run", self.host(), 1, "t"),
                ThisProcess.processes());

        assertThat(self.pid()).isEqualTo(ProcessHandle.current().pid());
        assertThat(real.decide(self.labels())).as(self.toString()).isInstanceOf(OrphanPolicy.Keep.class);
    }
}
