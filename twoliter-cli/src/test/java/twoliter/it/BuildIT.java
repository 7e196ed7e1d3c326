package twoliter.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import twoliter.SampleProject;

/**
 * Real builds of the sample project's packages and kit, on a real Docker engine, in order: cold builds for both
 * arches, then no-op rebuilds, touches, arch switches and a one-byte change. The SDK image is built once per recipe
 * and kept by the engine.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BuildIT {
    private Twoliter twoliter;
    private Path project;

    @BeforeAll
    void copySample(@TempDir Path dir) {
        project = SampleProject.copyTo(dir.resolve("project"));
        twoliter = new Twoliter(project, dir.resolve("cache"));
    }

    @Test
    @Order(1)
    void coldKitBuild_x86_64_producesRpmsRepoAndImageArchive() throws Exception {
        Twoliter.Result build = twoliter.run("build", "kit", "core-kit", "--arch", "x86_64");

        assertThat(build.exitCode()).as(build.output()).isZero();
        // The SDK, hello-go's Go module bundle, 13 packages and the kit.
        assertThat(build.summary()).containsEntry("failed", 0L).containsEntry("planned", 16L);
        // The SDK image may exist from an earlier run on this machine, and the seed cache holds the kernel and the
        // Debian userspace; the sample's own packages and the kit are new.
        assertThat(build.executedTargets()).contains("//packages/release", "//packages/libhello",
                "//packages/hello-agent", "//packages/gnu-hello", "//kits/core-kit")
                .doesNotContainAnyElementsOf(SeedCache.PACKAGES.stream().map(p -> "//packages/" + p).toList());
        Path kit = project.resolve("build/kits/core-kit");
        assertThat(kit.resolve("x86_64/repodata/repomd.xml")).isRegularFile();
        assertThat(kit.resolve("core-kit-v1.0.0-00000000-x86_64.tar")).isRegularFile();
        assertThat(rpms(kit.resolve("x86_64/Packages/hello-agent")).stream().map(p -> p.getFileName().toString()))
                .singleElement().asString()
                .startsWith("bottlerocket-hello-agent-").endsWith(".x86_64.rpm").contains(".0000000000.00000000.br1.");
        assertThat(Docker.fileTypeInRpm(rpm("hello-agent", "x86_64"), "hello-agent")).contains("x86-64");
    }

    @Test
    @Order(2)
    void aarch64_isCrossCompiled() throws Exception {
        Twoliter.Result build = twoliter.run("build", "kit", "core-kit", "--arch", "aarch64");

        assertThat(build.exitCode()).as(build.output()).isZero();
        // The SDK and hello-go's Go bundle are shared by both arches; the seed's packages were built for aarch64 too:
        // nothing else is cached.
        assertThat(build.summary()).containsEntry("cached", 2L + SeedCache.PACKAGES.size())
                .containsEntry("failed", 0L);
        assertThat(Docker.fileTypeInRpm(rpm("hello-agent", "aarch64"), "hello-agent")).contains("ARM aarch64");
        assertThat(Docker.fileTypeInRpm(rpm("libhello", "aarch64"), "libhello.so.1*")).contains("ARM aarch64");
        assertThat(project.resolve("build/kits/core-kit/aarch64/repodata/repomd.xml")).isRegularFile();
        assertThat(rpm("hello-agent", "x86_64")).as("the other arch's RPMs stay").isRegularFile();
    }

    @Test
    @Order(3)
    void secondBuild_executesNothing() throws Exception {
        Twoliter.Result build = twoliter.run("build", "kit", "core-kit", "--arch", "aarch64");

        assertThat(build.exitCode()).as(build.output()).isZero();
        assertThat(build.summary()).containsEntry("executed", 0L);
    }

    @Test
    @Order(4)
    void touchingEveryFile_executesNothing() throws Exception {
        try (Stream<Path> files = Files.walk(project)) {
            for (Path file : files.toList()) {
                Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(60)));
            }
        }

        Twoliter.Result build = twoliter.run("build", "kit", "core-kit", "--arch", "x86_64");

        assertThat(build.exitCode()).as(build.output()).isZero();
        assertThat(build.summary()).containsEntry("executed", 0L);
    }

    @Test
    @Order(5)
    void switchingArchBackAndForth_rebuildsNothing() throws Exception {
        for (String arch : List.of("aarch64", "x86_64", "aarch64")) {
            Twoliter.Result build = twoliter.run("build", "kit", "core-kit", "--arch", arch);
            assertThat(build.exitCode()).as(build.output()).isZero();
            assertThat(build.summary()).as(arch).containsEntry("executed", 0L);
        }
    }

    @Test
    @Order(6)
    void oneByteInHelloAgent_rebuildsExactlyItAndTheKit() throws Exception {
        Path source = project.resolve("sources/hello-agent/hello-agent.c");
        Files.writeString(source, Files.readString(source) + "\n");

        Twoliter.Result build = twoliter.run("build", "kit", "core-kit", "--arch", "x86_64", "--explain");

        assertThat(build.exitCode()).as(build.output()).isZero();
        assertThat(build.executedTargets()).containsExactlyInAnyOrder("//packages/hello-agent", "//kits/core-kit");
        assertThat(build.output()).contains("input sources/hello-agent/hello-agent.c changed");
        Map<String, Long> summary = build.summary();
        assertThat(summary.get("cached") + summary.get("executed")).isEqualTo(summary.get("planned"));
    }

    @Test
    @Order(7)
    void buildPackage_andMakeBuildPackage_useTheCache() throws Exception {
        Twoliter.Result build = twoliter.run("build", "package", "libhello", "--arch", "x86_64");
        assertThat(build.exitCode()).as(build.output()).isZero();
        assertThat(build.summary()).containsEntry("executed", 0L);

        Twoliter.Result make = twoliter.run("make", "-e", "PACKAGE=hello-agent", "-e", "BUILDSYS_ARCH=x86_64",
                "build-package");
        assertThat(make.exitCode()).as(make.output()).isZero();
        assertThat(make.output()).doesNotContain("executed package");
    }

    @Test
    @Order(8)
    void buildVariant_reusesPackagesAndKits_andRunsOnlyItsTwoSteps() throws Exception {
        Twoliter.Result build = twoliter.run("build", "variant", "aws-dev", "--arch", "x86_64");

        assertThat(build.exitCode()).as(build.output()).isZero();
        assertThat(build.executedTargets()).containsExactly("//variants/aws-dev", "//variants/aws-dev");
        assertThat(project.resolve("build/images/x86_64-aws-dev/latest/bottlerocket-aws-dev-x86_64.img.lz4"))
                .exists();
    }

    @Test
    @Order(9)
    void failingPackage_reportsCommandLogAndLastLines() throws Exception {
        Path spec = project.resolve("packages/release/release.spec");
        Files.writeString(spec, Files.readString(spec).replace("%install", "%install\necho broken-on-purpose >&2\n"
                + "exit 3"));

        Twoliter.Result build = twoliter.run("build", "package", "release", "--arch", "x86_64");

        assertThat(build.exitCode()).isEqualTo(1);
        assertThat(build.output()).contains("package //packages/release (x86_64) failed")
                .contains("build/logs/x86_64/package/release.log").contains("broken-on-purpose")
                .doesNotContain("\tat ");
        assertThat(build.summary()).containsEntry("failed", 1L);
    }

    @Test
    @Order(10)
    void keepGoing_buildsWhatDoesNotDependOnTheFailure() throws Exception {
        Path spec = project.resolve("packages/libhello/libhello.spec");
        Files.writeString(spec, Files.readString(spec) + "\n# changed so that libhello runs again\n");

        Twoliter.Result build = twoliter.run("build", "kit", "core-kit", "--arch", "x86_64", "--keep-going");

        assertThat(build.exitCode()).isEqualTo(1);
        // release still fails (step 9); libhello and hello-agent still build; the kit never starts.
        assertThat(build.executedTargets()).contains("//packages/libhello", "//packages/hello-agent");
        assertThat(build.summary()).containsEntry("failed", 1L);
        assertThat(build.events()).anyMatch(e -> e.contains("\"target\":\"//kits/core-kit\"")
                && e.contains("\"status\":\"planned\""));
    }

    @Test
    @Order(11)
    void kitArchive_isAnOciLayoutWhoseConfigCarriesTheKitMetadata() throws Exception {
        Path archive = project.resolve("build/kits/core-kit/core-kit-v1.0.0-00000000-aarch64.tar");
        Map<String, byte[]> files = KitArchive.read(archive);
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();

        assertThat(new String(files.get("./oci-layout"), java.nio.charset.StandardCharsets.UTF_8))
                .contains("1.0.0");
        var index = json.readTree(files.get("./index.json"));
        assertThat(index.at("/manifests/0/platform/architecture").asText()).isEqualTo("arm64");
        var manifest = json.readTree(files.get("./blobs/sha256/" + index.at("/manifests/0/digest").asText()
                .substring(7)));
        // One layer per package directory (13), and repodata.
        assertThat(manifest.get("layers")).hasSize(14);
        var config = json.readTree(files.get("./blobs/sha256/" + manifest.at("/config/digest").asText()
                .substring(7)));
        String label = config.at("/config/Labels/dev.bottlerocket.kit.v2").asText();
        var metadata = json.readTree(java.util.Base64.getDecoder().decode(label));
        assertThat(metadata.get("name").asText()).isEqualTo("core-kit");
        assertThat(metadata.get("version").asText()).isEqualTo("1.0.0");
        for (var layer : manifest.get("layers")) {
            byte[] blob = files.get("./blobs/sha256/" + layer.get("digest").asText().substring(7));
            assertThat(blob).as("layer blob").isNotNull().hasSize(layer.get("size").asInt());
        }
    }

    private Path rpm(String pkg, String arch) throws IOException {
        return rpms(project.resolve("build/rpms").resolve(pkg)).stream()
                .filter(p -> p.getFileName().toString().endsWith("." + arch + ".rpm")
                        && p.getFileName().toString().startsWith("bottlerocket-" + pkg + "-"))
                .filter(p -> !p.getFileName().toString().contains("-devel-"))
                .findFirst().orElseThrow(() -> new AssertionError("no " + arch + " RPM of " + pkg));
    }

    private static List<Path> rpms(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".rpm")).sorted().toList();
        }
    }
}
