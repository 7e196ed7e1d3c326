package twoliter.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import twoliter.SampleProject;

/** A build killed with SIGKILL, and two builds of one project at once. */
class RobustnessIT {
    @TempDir
    Path dir;

    @Test
    void killNine_thenRebuild_completesAndNoCacheEntryIsTruncated() throws Exception {
        Path project = SampleProject.copyTo(dir.resolve("project"));
        Path cache = dir.resolve("cache");
        Twoliter twoliter = new Twoliter(project, cache);

        Process first = twoliter.start("build", "kit", "core-kit", "--arch", "aarch64", "--jobs", "1");
        Path logs = project.resolve("build/logs/aarch64/package");
        Instant deadline = Instant.now().plus(Duration.ofMinutes(20));
        // Kill once the second package is running, so that one result is recorded and one is cut off.
        while (countFiles(logs) < 2 && first.isAlive() && Instant.now().isBefore(deadline)) {
            Thread.sleep(200);
        }
        assertThat(first.isAlive()).as("the build was still running when it was killed").isTrue();
        first.destroyForcibly();
        assertThat(first.waitFor(1, TimeUnit.MINUTES)).isTrue();

        Twoliter.Result rebuild = twoliter.run("build", "kit", "core-kit", "--arch", "aarch64");
        assertThat(rebuild.exitCode()).as(rebuild.output()).isZero();
        assertThat(rebuild.summary()).containsEntry("failed", 0L);

        ObjectMapper json = new ObjectMapper();
        try (Stream<Path> entries = Files.walk(cache.resolve("ac"))) {
            for (Path entry : entries.filter(p -> p.toString().endsWith(".json")
                    && !p.getFileName().toString().startsWith(".")).toList()) {
                assertThat(json.readTree(entry.toFile()).get("outputs")).as(entry.toString()).isNotEmpty();
            }
        }
        Twoliter.Result again = twoliter.run("build", "kit", "core-kit", "--arch", "aarch64");
        assertThat(again.summary()).containsEntry("executed", 0L);
    }

    @Test
    void twoBuildsAtOnce_bothSucceedAndTheWorkIsDoneOnce() throws Exception {
        Path project = SampleProject.copyTo(dir.resolve("project"));
        Twoliter twoliter = new Twoliter(project, dir.resolve("cache"));
        Twoliter.Result warm = twoliter.run("build", "package", "libhello", "--arch", "x86_64");
        assertThat(warm.exitCode()).as(warm.output()).isZero();

        Process a = twoliter.start("build", "package", "hello-agent", "--arch", "x86_64");
        Process b = twoliter.start("build", "package", "hello-agent", "--arch", "x86_64");
        String outA = new String(a.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String outB = new String(b.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(a.waitFor()).as(outA).isZero();
        assertThat(b.waitFor()).as(outB).isZero();
        List<String> executed = Stream.of(outA, outB).flatMap(String::lines)
                .filter(l -> l.contains("executed package //packages/hello-agent")).toList();
        assertThat(executed).hasSize(1);
        assertThat(outA + outB).contains("waiting for another twoliter build of this project");
    }

    private static long countFiles(Path dir) throws java.io.IOException {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.count();
        }
    }
}
