package twoliter.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import oci.ImageRef;
import oci.LocalRegistry;
import oci.OciClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import twoliter.SampleProject;

/**
 * Publishing a kit and consuming it from another project, end to end on a real engine and Debian's docker-registry
 * on loopback: build core-kit for both arches, {@code twoliter publish kit}, check the result with skopeo (an
 * independent client), then build a variant of a project that takes core-kit from the registry.
 *
 * <p>The consumer's {@code build/external-kits} is filled by this test from the pushed image, as fetch will do,
 * until {@code twoliter update}/{@code fetch} replace that step.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KitPublishIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String LABEL = "dev.bottlerocket.kit.v2";
    private static final String BUILD_ID = "00000000";

    private Path dir;
    private LocalRegistry registry;
    private String address;
    private Path publisher;
    private Twoliter twoliter;

    @BeforeAll
    void startRegistryAndCopySample(@TempDir Path tmp) throws Exception {
        dir = tmp;
        registry = LocalRegistry.start(dir.resolve("registry"));
        address = registry.address;
        publisher = SampleProject.copyTo(dir.resolve("publisher"));
        useRegistry(publisher);
        twoliter = new Twoliter(publisher, dir.resolve("cache"));
    }

    @AfterAll
    void stopRegistry() {
        if (registry != null) {
            registry.close();
        }
    }

    @Test
    @Order(1)
    void publishKit_pushesEachArchAndAnIndex_thatSkopeoReadsWithTheLabel() throws Exception {
        for (String arch : List.of("x86_64", "aarch64")) {
            Twoliter.Result build = twoliter.run("build", "kit", "core-kit", "--arch", arch);
            assertThat(build.exitCode()).as(build.output()).isZero();
        }

        Twoliter.Result publish = twoliter.run("publish", "kit", "core-kit", "local");

        assertThat(publish.exitCode()).as(publish.output()).isZero();
        assertThat(publish.output()).contains("pushed kit 'core-kit' for aarch64 to " + address
                + "/core-kit:v1.0.0-" + BUILD_ID + "-aarch64").contains(address + "/core-kit:v1.0.0@sha256:");
        JsonNode index = JSON.readTree(skopeo("inspect", "--raw", "docker://" + address + "/core-kit:v1.0.0"));
        assertThat(index.path("mediaType").asText()).isEqualTo("application/vnd.oci.image.index.v1+json");
        List<String> platforms = new ArrayList<>();
        index.path("manifests").forEach(m -> platforms.add(m.path("platform").path("architecture").asText()));
        assertThat(platforms).containsExactly("arm64", "amd64");
        String label = null;
        for (String arch : List.of("x86_64", "aarch64")) {
            JsonNode image = JSON.readTree(skopeo("inspect", "docker://" + address + "/core-kit:v1.0.0-" + BUILD_ID
                    + "-" + arch));
            assertThat(image.path("Architecture").asText()).isEqualTo(arch.equals("x86_64") ? "amd64" : "arm64");
            String archLabel = image.path("Labels").path(LABEL).asText();
            assertThat(archLabel).as("label of " + arch).isNotEmpty();
            assertThat(label == null || label.equals(archLabel)).as("identical labels across arches").isTrue();
            label = archLabel;
        }
        JsonNode viaIndex = JSON.readTree(skopeo("inspect", "--override-arch", "arm64", "docker://" + address
                + "/core-kit:v1.0.0"));
        assertThat(viaIndex.path("Labels").path(LABEL).asText()).isEqualTo(label);
        JsonNode metadata = JSON.readTree(Base64.getDecoder().decode(label));
        assertThat(metadata.path("name").asText()).isEqualTo("core-kit");
        assertThat(metadata.path("version").asText()).isEqualTo("1.0.0");
    }

    @Test
    @Order(2)
    void makePublishKit_pushesToTheRepoItIsGiven() throws Exception {
        Twoliter.Result publish = twoliter.run("make", "-e", "BUILDSYS_KIT=core-kit", "-e", "PUBLISH_VENDOR=local",
                "-e", "PUBLISH_KIT_REPO=mirror/core-kit", "publish-kit");

        assertThat(publish.exitCode()).as(publish.output()).isZero();
        assertThat(JSON.readTree(skopeo("inspect", "--raw", "docker://" + address + "/mirror/core-kit:v1.0.0"))
                .path("manifests")).hasSize(2);
    }

    @Test
    @Order(3)
    void consumerProject_buildsAVariantFromTheKitsPackages() throws Exception {
        Path consumer = SampleProject.copyTo(dir.resolve("consumer"));
        // Every package of the kit comes from the registry, not from the consumer's tree.
        for (String gone : List.of("packages/release", "packages/kernel-6.1", "packages/libhello",
                "packages/hello-agent", "packages/gnu-hello", "packages/glibc", "packages/coreutils",
                "packages/util-linux", "packages/kmod", "packages/systemd", "packages/xfsprogs", "packages/bash",
                "kits/core-kit", "variants/aws-k8s-1.29-nvidia", "variants/metal-dev", "variants/vmware-dev")) {
            deleteTree(consumer.resolve(gone));
        }
        copyTree(Path.of("src/test/resources/projects/kit-consumer"), consumer);
        useRegistry(consumer);
        Path toml = consumer.resolve("Twoliter.toml");
        Files.writeString(toml, Files.readString(toml)
                + "\n[[kit]]\nname = \"core-kit\"\nversion = \"1.0.0\"\nvendor = \"local\"\n");
        Twoliter tl = new Twoliter(consumer, dir.resolve("cache"));

        Twoliter.Result update = tl.run("update");
        assertThat(update.exitCode()).as(update.output()).isZero();
        byte[] index = OciClient.create().manifest(ImageRef.parse(address + "/core-kit:v1.0.0")).content();
        assertThat(Files.readString(consumer.resolve("Twoliter.lock"))).contains("name = \"core-kit\"\n")
                .contains("source = \"" + address + "/core-kit:v1.0.0\"\ndigest = \""
                        + IndependentLockDigest.of(index) + "\"\n");
        Twoliter.Result fetch = tl.run("fetch", "--arch", "x86_64");
        assertThat(fetch.exitCode()).as(fetch.output()).isZero();
        assertThat(consumer.resolve("build/external-kits/local/core-kit/x86_64/Packages/hello-agent")).isDirectory();

        Twoliter.Result build = tl.run("build", "variant", "aws-dev", "--arch", "x86_64");

        assertThat(build.exitCode()).as(build.output()).isZero();
        assertThat(build.executedTargets()).contains("//packages/kit-consumer", "//variants/aws-dev");
        Path images = consumer.resolve("build/images/x86_64-aws-dev/latest");
        assertThat(images.resolve("application-inventory.json")).content().contains("bottlerocket-hello-agent")
                .contains("bottlerocket-kit-consumer").contains("bottlerocket-libhello");
        Path work = Files.createDirectories(dir.resolve("work"));
        Files.copy(images.resolve("bottlerocket-aws-dev-x86_64-root.ext4.lz4"), work.resolve("root.ext4.lz4"));
        Docker.sdk(work, "lz4 -d -f -q /d/root.ext4.lz4 /d/root.ext4");
        String usr = "/x86_64-bottlerocket-linux-gnu/sys-root/usr";
        assertThat(Docker.sdk(work, "debugfs -R 'dump " + usr + "/bin/hello-agent /tmp/ha' /d/root.ext4"
                + " >/dev/null 2>&1 && file -b /tmp/ha")).contains("x86-64");
        assertThat(Docker.sdk(work, "debugfs -R 'cat " + usr + "/share/kit-consumer/hello.h' /d/root.ext4"
                + " 2>/dev/null")).isNotBlank();
    }

    private void useRegistry(Path project) throws IOException {
        Path toml = project.resolve("Twoliter.toml");
        Files.writeString(toml, Files.readString(toml).replace("127.0.0.1:5000", address));
    }

    private String skopeo(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("skopeo", args[0], "--tls-verify=false"));
        command.addAll(List.of(args).subList(1, args.length));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(process.exitValue()).as(String.join(" ", command)).isZero();
        return out;
    }

    private static void copyTree(Path source, Path target) throws IOException {
        try (Stream<Path> walk = Files.walk(source)) {
            for (Path path : walk.toList()) {
                Path to = target.resolve(source.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(path, to, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private static void deleteTree(Path path) throws IOException {
        try (Stream<Path> walk = Files.walk(path)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
