package twoliter.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import twoliter.SampleProject;

/**
 * One Docker engine shared by several hosts or containers (issue 13 item 3): a build's orphan clean-up removes only
 * containers whose owner is provably gone, never those of a run elsewhere, whose pid means nothing here.
 */
class SharedEngineIT {
    @TempDir
    Path dir;

    @Test
    void build_leavesContainersOfRunsOnOtherHostsAndOfOlderVersionsAlone() throws Exception {
        Path project = SampleProject.copyTo(dir.resolve("project"));
        Twoliter.Result warm = new Twoliter(project, dir.resolve("cache-warm"))
                .run("build", "package", "libhello", "--arch", "x86_64");
        assertThat(warm.exitCode()).as(warm.output()).isZero();
        // given: a pid that no process has here, as a live run in another PID namespace may well have
        long freePid = LongStream.iterate(4_000_000, p -> p - 1).filter(p -> ProcessHandle.of(p).isEmpty())
                .findFirst().orElseThrow();
        String sdk = Docker.sdkImage();
        String foreign = Docker.run("run", "-d", "--network", "none",
                "--label", "dev.twoliter.run=run-elsewhere",
                "--label", "dev.twoliter.host=boot 00000000-0000-4000-8000-000000000000, pid:[4026532001]",
                "--label", "dev.twoliter.pid=" + freePid,
                "--label", "dev.twoliter.started=2024-01-01T00:00:00Z",
                "--label", "dev.twoliter.action=a build on another host", sdk, "sleep", "900").strip();
        String older = Docker.run("run", "-d", "--network", "none", "--label", "dev.twoliter.pid=" + freePid,
                "--label", "dev.twoliter.action=a build by an older twoliter", sdk, "sleep", "900").strip();
        try {
            // when: a build that has to run containers (a fresh cache), so it first clears orphans
            Twoliter.Result build = new Twoliter(project, dir.resolve("cache-cold"))
                    .run("build", "package", "libhello", "--arch", "x86_64", "--log-level", "debug");

            // then
            assertThat(build.exitCode()).as(build.output()).isZero();
            assertThat(build.summary().get("executed")).as(build.output()).isPositive();
            for (String id : List.of(foreign, older)) {
                assertThat(Docker.run("inspect", "--format", "{{.State.Running}}", id).strip()).as(id)
                        .isEqualTo("true");
            }
            assertThat(build.output())
                    .contains("left container " + foreign.substring(0, 12) + " (a build on another host) alone:"
                            + " run run-elsewhere made it on another host or PID namespace")
                    .contains("left container " + older.substring(0, 12) + " (a build by an older twoliter) alone");
        } finally {
            Docker.exitCode("rm", "--force", foreign, older);
        }
    }
}
