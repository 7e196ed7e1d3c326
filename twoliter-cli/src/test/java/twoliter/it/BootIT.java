package twoliter.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import twoliter.SampleProject;

/**
 * The sample variant's images, built for real, booted headless in QEMU (TCG) by scripts/boot-test.sh: the judge is
 * the firmware, GRUB, the kernel and systemd, which must print {@code Reached target multi-user.target}, the sample
 * agent's {@code hello-agent starting} and the Go program's {@code hello-go starting: instance} (built from Go modules
 * the build vendored) on the serial console. A flipped byte in ROOT-A must make dm-verity refuse the root.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BootIT {
    private static final String VARIANT = "aws-k8s-1.29-nvidia";
    private static final Path BOOT_TEST = SampleProject.REPO.resolve("scripts/boot-test.sh");

    private Twoliter twoliter;
    private Path project;
    private Path logs;

    @BeforeAll
    void copySample(@TempDir Path dir) {
        project = SampleProject.copyTo(dir.resolve("project"));
        twoliter = new Twoliter(project, dir.resolve("cache"));
        logs = dir.resolve("console");
    }

    private Path image(String arch) throws Exception {
        Path image = project.resolve("build/images/" + arch + "-" + VARIANT + "/latest/bottlerocket-" + VARIANT + "-"
                + arch + ".img.lz4");
        if (!image.toFile().isFile()) {
            Twoliter.Result build = twoliter.run("build", "variant", VARIANT, "--arch", arch);
            assertThat(build.exitCode()).as(build.output()).isZero();
        }
        return image;
    }

    /** Runs boot-test.sh and returns its exit code and output. */
    private BootResult boot(Path image, String... options) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("bash", BOOT_TEST.toString(), image.toString()));
        command.addAll(List.of(options));
        command.addAll(List.of("--log", logs.resolve(String.join("", options).replace("--", "-") + ".log")
                .toString()));
        logs.toFile().mkdirs();
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.MINUTES)).as(output).isTrue();
        return new BootResult(process.exitValue(), output);
    }

    private record BootResult(int exitCode, String output) {
    }

    @Test
    @Order(1)
    void x86_64_bios_reachesMultiUserAndStartsTheAgent() throws Exception {
        BootResult boot = boot(image("x86_64"), "--firmware", "bios");

        assertThat(boot.exitCode()).as(boot.output()).isZero();
        assertThat(boot.output()).contains("PASS: multi-user.target reached, hello-agent and hello-go started")
                .contains("hello-go starting: instance");
    }

    @Test
    @Order(2)
    void x86_64_uefi_reachesMultiUserAndStartsTheAgent() throws Exception {
        BootResult boot = boot(image("x86_64"), "--firmware", "uefi");

        assertThat(boot.exitCode()).as(boot.output()).isZero();
        assertThat(boot.output()).contains("PASS: multi-user.target reached, hello-agent and hello-go started")
                .contains("hello-go starting: instance");
    }

    @Test
    @Order(3)
    void x86_64_flippedByteInRootA_isRefusedByDmVerity() throws Exception {
        BootResult boot = boot(image("x86_64"), "--firmware", "bios", "--tamper");

        assertThat(boot.exitCode()).as(boot.output()).isZero();
        assertThat(boot.output()).contains("PASS: the kernel refused the tampered root").contains("verity");
    }

    @Test
    @Order(4)
    void aarch64_uefi_reachesMultiUserAndStartsTheAgent() throws Exception {
        BootResult boot = boot(image("aarch64"), "--firmware", "uefi");

        assertThat(boot.exitCode()).as(boot.output()).isZero();
        assertThat(boot.output()).contains("PASS: multi-user.target reached, hello-agent and hello-go started")
                .contains("hello-go starting: instance");
    }
}
