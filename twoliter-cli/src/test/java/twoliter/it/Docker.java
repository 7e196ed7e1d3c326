package twoliter.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The docker CLI, for checks from outside the product (inspecting RPMs in the SDK image). */
final class Docker {
    private Docker() {
    }

    static String run(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("docker"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(10, TimeUnit.MINUTES)).isTrue();
        assertThat(process.exitValue()).as("docker " + String.join(" ", args) + ":\n" + out).isZero();
        return out;
    }

    /** Runs the docker CLI and returns its exit code, for checks that are expected to fail. */
    static int exitCode(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("docker"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getInputStream().readAllBytes();
        assertThat(process.waitFor(10, TimeUnit.MINUTES)).isTrue();
        return process.exitValue();
    }

    /** Runs a shell command in the SDK image without network, with {@code dir} mounted at /d. */
    static String sdk(Path dir, String script) throws IOException, InterruptedException {
        return run("run", "--rm", "--network", "none", "-u", "0", "-v", dir + ":/d", sdkImage(), "bash", "-c", script);
    }

    static int sdkExitCode(Path dir, String script) throws IOException, InterruptedException {
        return exitCode("run", "--rm", "--network", "none", "-u", "0", "-v", dir + ":/d", sdkImage(), "bash", "-c",
                script);
    }

    /** The twoliter SDK image the builds made (the newest, if several recipes were built). */
    static String sdkImage() throws IOException, InterruptedException {
        String images = run("image", "ls", "--filter", "label=dev.twoliter.sdk=true", "--format",
                "{{.Repository}}:{{.Tag}}");
        return images.lines().findFirst().orElseThrow(() -> new AssertionError("no twoliter SDK image"));
    }

    /** What {@code file} says about the given path inside an RPM, read in the SDK image without network. */
    static String fileTypeInRpm(Path rpm, String name) throws IOException, InterruptedException {
        return run("run", "--rm", "--network", "none", "-v", rpm.getParent() + ":/r:ro", sdkImage(), "bash", "-c",
                "cd /tmp && rpm2cpio /r/" + rpm.getFileName() + " | cpio -idm --quiet && file -b \"$(find . -type f"
                        + " -name " + name + " | head -n 1)\"").strip();
    }
}
