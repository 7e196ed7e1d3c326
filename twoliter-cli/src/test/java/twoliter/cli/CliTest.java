package twoliter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import twoliter.SampleProject;

/** The CLI on a copy of the repository's sample project, as users run it. */
class CliTest {
    private static final Map<String, String> ENV = Map.of();
    /** Every package of the sample project; the variant and the kit include them all. */
    private static final List<String> SAMPLE_PACKAGES = List.of("//packages/bash", "//packages/coreutils",
            "//packages/glibc", "//packages/gnu-hello", "//packages/hello-agent", "//packages/hello-go",
            "//packages/kernel-6.1", "//packages/kmod", "//packages/libhello", "//packages/release",
            "//packages/systemd", "//packages/util-linux", "//packages/xfsprogs");

    @TempDir
    Path dir;

    private Path project;

    @BeforeEach
    void copySample() {
        project = SampleProject.copyTo(dir.resolve("project"));
    }

    private CliRun twoliter(String... args) {
        return CliRun.run(project, ENV, args);
    }

    private static void assertBadInput(CliRun run, String message) {
        assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
        assertThat(run.err()).contains(message).doesNotContain("\tat ");
    }

    @Test
    void help_listsTheCommands() {
        CliRun run = twoliter("--help");

        assertThat(run.exitCode()).isZero();
        for (String command : List.of("update", "fetch", "build", "publish", "make", "query")) {
            assertThat(run.out()).containsPattern("(?m)^  " + command + " ");
        }
    }

    @Test
    void version_printsNameAndVersion() {
        assertThat(twoliter("--version").out().strip()).matches("twoliter \\d+\\.\\d+\\.\\d+");
    }

    @Test
    void dryRun_eventsListEveryActionOfTheVariant() throws IOException {
        CliRun run = twoliter("build", "variant", "aws-k8s-1.29-nvidia", "--arch", "x86_64", "--dry-run", "--events",
                "ev.json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        List<String> lines = Files.readAllLines(project.resolve("ev.json"));
        assertThat(lines.get(0)).startsWith("{\"event\":\"action\",\"target\":\"//sdk\",\"kind\":\"sdk\","
                + "\"arch\":\"x86_64\",\"status\":\"planned\",\"key\":\"");
        assertThat(lines).filteredOn(l -> l.contains("\"kind\":\"package\"")).extracting(CliTest::target)
                .containsExactlyInAnyOrderElementsOf(SAMPLE_PACKAGES);
        assertThat(lines).filteredOn(l -> l.contains("\"kind\":\"kit\"")).extracting(CliTest::target)
                .containsExactly("//kits/core-kit");
        assertThat(lines).filteredOn(l -> l.contains("\"kind\":\"go-bundle\"")).extracting(CliTest::target)
                .containsExactly("//packages/hello-go");
        assertThat(lines.get(lines.size() - 2)).contains("\"target\":\"//variants/aws-k8s-1.29-nvidia\","
                + "\"kind\":\"variant\",\"arch\":\"x86_64\",\"step\":\"image\"");
        assertThat(lines.get(lines.size() - 3)).contains("\"target\":\"//variants/aws-k8s-1.29-nvidia\","
                + "\"kind\":\"variant\",\"arch\":\"x86_64\",\"step\":\"rootfs\"");
        assertThat(lines.get(lines.size() - 1)).isEqualTo("{\"event\":\"summary\",\"planned\":18,\"executed\":0,"
                + "\"cached\":0,\"failed\":0}");
        assertThat(lines).allMatch(l -> l.matches("\\{.*\"key\":\"[0-9a-f]{64}\",\"millis\":0}")
                || l.startsWith("{\"event\":\"summary\""));
        assertThat(run.out()).contains("//packages/hello-agent");
    }

    private static String target(String line) {
        return line.replaceAll(".*\"target\":\"([^\"]+)\".*", "$1");
    }

    private Map<String, String> keys() throws IOException {
        CliRun run = twoliter("build", "variant", "aws-k8s-1.29-nvidia", "--arch", "x86_64", "--dry-run", "--events",
                "ev.json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        Map<String, String> keys = new TreeMap<>();
        for (String line : Files.readAllLines(project.resolve("ev.json"))) {
            if (line.contains("\"event\":\"action\"")) {
                keys.put(target(line), line.replaceAll(".*\"key\":\"([0-9a-f]+)\".*", "$1"));
            }
        }
        return keys;
    }

    @Test
    void keys_stableAcrossRunsAndTouches_andOneByteChangesExactlyItsDependents() throws IOException {
        Map<String, String> first = keys();
        assertThat(keys()).isEqualTo(first);

        try (Stream<Path> files = Files.walk(project)) {
            for (Path file : files.toList()) {
                Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(3600)));
            }
        }
        assertThat(keys()).isEqualTo(first);

        Path source;
        try (Stream<Path> files = Files.list(project.resolve("sources/hello-agent"))) {
            source = files.filter(f -> f.toString().endsWith(".c")).findFirst().orElseThrow();
        }
        byte[] bytes = Files.readAllBytes(source);
        bytes[bytes.length - 1] = (byte) (bytes[bytes.length - 1] == ' ' ? '\n' : ' ');
        Files.write(source, bytes);

        Map<String, String> after = keys();
        assertThat(first.keySet().stream().filter(t -> !first.get(t).equals(after.get(t))))
                .containsExactlyInAnyOrder("//packages/hello-agent", "//kits/core-kit", "//variants/aws-k8s-1.29-nvidia");
    }

    @Test
    void buildKitAndPackage_dryRun() {
        CliRun kit = twoliter("build", "kit", "core-kit", "--arch", "aarch64", "--dry-run");
        assertThat(kit.exitCode()).as(kit.err()).isZero();
        assertThat(kit.out()).contains("kit      //kits/core-kit").contains("aarch64");

        CliRun pkg = twoliter("build", "package", "hello-agent", "--arch", "aarch64", "--dry-run");
        assertThat(pkg.exitCode()).as(pkg.err()).isZero();
        assertThat(pkg.out().lines().map(l -> l.split("\\s+")[1])).containsExactly("//sdk", "//packages/libhello",
                "//packages/hello-agent");

        CliRun pattern = twoliter("build", "package", "//packages/...", "--dry-run");
        assertThat(pattern.exitCode()).as(pattern.err()).isZero();
        assertThat(pattern.out().lines().filter(l -> l.startsWith("package"))).hasSize(SAMPLE_PACKAGES.size());
    }

    @Test
    void queryDeps_listsPackagesKitAndVariantInDependencyOrder() {
        CliRun run = twoliter("query", "--deps", "//variants/aws-k8s-1.29-nvidia");

        assertThat(run.exitCode()).as(run.err()).isZero();
        List<String> lines = run.out().lines().toList();
        List<String> expected = new java.util.ArrayList<>(SAMPLE_PACKAGES);
        expected.addAll(List.of("//kits/core-kit", "//variants/aws-k8s-1.29-nvidia"));
        assertThat(lines).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(lines.indexOf("//packages/libhello")).isLessThan(lines.indexOf("//packages/hello-agent"));
        assertThat(lines.indexOf("//packages/glibc")).isLessThan(lines.indexOf("//packages/util-linux"));
        assertThat(lines.indexOf("//packages/util-linux")).isLessThan(lines.indexOf("//packages/systemd"));
        assertThat(lines.indexOf("//packages/systemd")).isLessThan(lines.indexOf("//packages/release"));
        assertThat(lines.subList(lines.size() - 2, lines.size())).containsExactly("//kits/core-kit",
                "//variants/aws-k8s-1.29-nvidia");
    }

    @Test
    void query_patternsRelativeToTheWorkingDirectory_andExclusions() {
        CliRun run = CliRun.run(project.resolve("packages"), ENV, "query", "--", "...", "-kernel-6.1");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out().lines()).containsExactlyElementsOf(SAMPLE_PACKAGES.stream()
                .filter(p -> !p.equals("//packages/kernel-6.1")).sorted().toList());
    }

    @Test
    void queryRdeps_listsEverythingAbove() {
        CliRun run = twoliter("query", "--rdeps", "//packages/libhello");

        assertThat(run.out().lines()).startsWith("//packages/libhello", "//packages/hello-agent", "//kits/core-kit")
                .contains("//variants/aws-dev", "//variants/metal-dev", "//variants/vmware-dev");
    }

    @Test
    void unknownVariant_listsTheVariants() {
        assertBadInput(twoliter("build", "variant", "aws-k8s-1.30-nvidia", "--dry-run"),
                "error: unknown variant 'aws-k8s-1.30-nvidia'; did you mean 'aws-k8s-1.29-nvidia'? The variants of"
                        + " this project are: aws-dev, aws-k8s-1.29-nvidia, metal-dev, vmware-dev");
    }

    @Test
    void unsupportedArch_listsTheSupportedOnes() {
        assertBadInput(twoliter("build", "variant", "aws-dev", "--arch", "arm64", "--dry-run"),
                "unsupported architecture 'arm64' in --arch; supported are x86_64 and aarch64; did you mean"
                        + " 'aarch64'?");
        assertBadInput(CliRun.run(project, Map.of("BUILDSYS_ARCH", "ppc64le"), "build", "variant", "aws-dev",
                "--dry-run"), "unsupported architecture 'ppc64le' in BUILDSYS_ARCH");
    }

    @Test
    void badPattern_isQuotedWithTheRule() {
        assertBadInput(twoliter("query", "//packages/../kits"), "invalid target pattern '//packages/../kits'");
    }

    @Test
    void make_unknownTask_suggestsAndSaysHowToList() {
        assertBadInput(twoliter("make", "repoo"), "error: task 'repoo' not found; did you mean 'repo'? List the"
                + " tasks with 'twoliter make --list'.");
    }

    @Test
    void make_list_showsUpstreamTasksAndAvailability() {
        CliRun run = twoliter("make", "--list");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).containsPattern("(?m)^repo +yes +build a signed TUF update repository")
                .containsPattern("(?m)^ami +yes").containsPattern("(?m)^upload-ova +not yet")
                .containsPattern("(?m)^testsys +unsupported").containsPattern("(?m)^build-package ")
                .containsPattern("(?m)^clean-images ")
                .containsPattern("(?m)^validate-repo +yes +download and verify an update repository as served now"
                        + " \\(keeps no state, so a replayed older but unexpired snapshot also passes\\)");
        assertThat(run.out().lines()).hasSizeGreaterThanOrEqualTo(70);
    }

    @Test
    void make_knownTask_saysItIsNotImplementedAndDoesNothing() {
        CliRun run = twoliter("make", "-e", "PUBLISH_REGIONS=us-west-2", "--cargo-home", ".cargo", "--arch",
                "x86_64", "upload-ova");

        assertBadInput(run, "task 'upload-ova' (upload the OVA to vSphere) is not implemented in this version of"
                + " twoliter yet; nothing was done");
        assertThat(project.resolve("build")).doesNotExist();
    }

    @Test
    void makeAmi_optionsAfterTheTask_workAsBefore_andAMissingImageSaysToBuildIt() {
        CliRun run = twoliter("make", "ami", "-e", "PUBLISH_REGIONS=us-west-2,us-east-1", "-e",
                "BUILDSYS_VARIANT=aws-k8s-1.29-nvidia", "--arch", "x86_64");

        assertBadInput(run, "there is no image '");
        assertThat(run.err()).contains("x86_64-aws-k8s-1.29-nvidia").contains("build it first: twoliter build"
                + " variant aws-k8s-1.29-nvidia --arch x86_64");
    }

    @Test
    void makeAwsTasks_badSettings_sayWhatToSet() {
        assertBadInput(twoliter("make", "-e", "BUILDSYS_VARIANT=aws-dev", "--arch", "x86_64", "ami"),
                "no AWS regions to publish to: set -e PUBLISH_REGIONS=us-west-2");
        assertBadInput(twoliter("make", "-e", "BUILDSYS_VARIANT=aws-dev", "--arch", "x86_64", "grant-ami"),
                "none of GRANT_TO_USERS, GRANT_TO_GROUPS, GRANT_TO_ORGS or GRANT_TO_ORG_UNITS is set");
        assertBadInput(twoliter("make", "-e", "BUILDSYS_VARIANT=aws-dev", "--arch", "x86_64", "promote-ssm"),
                "SSM_TARGET is not set");
        assertBadInput(twoliter("make", "-e", "BUILDSYS_VARIANT=aws-dev", "-e", "PUBLISH_REGIONS=us-west-2",
                "--arch", "x86_64", "ssm"), "run 'twoliter make ami' for variant aws-dev and x86_64 first");
        assertBadInput(twoliter("make", "-e", "BUILDSYS_VARIANT=vmware-dev", "-e", "PUBLISH_REGIONS=us-west-2",
                "--arch", "x86_64", "ami"), "AMIs are made from raw images");
        assertBadInput(twoliter("make", "--dry-run", "clean"), "--dry-run is not supported by task 'clean'");
        assertBadInput(twoliter("publish", "ami", "--variant", "aws-devv", "--regions", "us-west-2"),
                "unknown variant 'aws-devv'");
    }

    @Test
    void make_optionsAsTheGuideWritesThem_areReadAfterTheTask() {
        // aarch64, not this machine's architecture, shows that --arch after the task was read
        CliRun run = twoliter("make", "repo", "--cargo-home", ".cargo/", "--arch", "aarch64", "-e",
                "BUILDSYS_VARIANT=aws-dev");

        assertBadInput(run, "update image '");
        assertThat(run.err()).contains("/build/images/aarch64-aws-dev/").contains("build the variant first:"
                + " twoliter build variant aws-dev --arch aarch64");
    }

    @Test
    void make_optionsAfterTheTask_inEveryForm() throws IOException {
        for (List<String> args : List.of(
                List.of("make", "clean-images", "--cargo-home=.cargo/", "--arch=x86_64", "-eBUILDSYS_VARIANT=aws-dev",
                        "-e=PUBLISH_REGIONS=us-west-2", "--project-path=project/Twoliter.toml", "--log-level=error"),
                List.of("make", "clean-images", "--project-path", "project", "--log-level", "debug", "--",
                        "-e", "BUILDSYS_VARIANT=aws-dev", "--cargo-home", ".cargo/", "--stacktrace"),
                List.of("make", "--project-path", "project/Twoliter.toml", "--log-level", "warn", "clean-images"),
                List.of("make", "--project-path=project", "--cargo-home=.cargo/", "-eBUILDSYS_ARCH=x86_64",
                        "clean-images", "--arch", "aarch64"))) {
            // given: a build output, and a working directory outside the project, so --project-path must be read
            Path image = Files.createDirectories(project.resolve("build/images/x86_64-aws-dev")).resolve("a.img");
            Files.writeString(image, "x");

            CliRun run = CliRun.run(dir, ENV, args.toArray(String[]::new));

            assertThat(run.exitCode()).as(args + ": " + run.err()).isZero();
            assertThat(project.resolve("build/images")).as(args.toString()).doesNotExist();
        }
    }

    @Test
    void make_trailingOptions_areCheckedAsBeforeTheTask() {
        assertBadInput(twoliter("make", "ami", "--arch=sparc"), "unsupported architecture 'sparc' in --arch");
        assertBadInput(twoliter("make", "clean", "-e", "BUILDSYS_SDK_NAME=x"), "the variable 'BUILDSYS_SDK_NAME'");
        assertBadInput(twoliter("make", "clean", "--dry-run"), "--dry-run is not supported by task 'clean'");
        assertBadInput(CliRun.run(dir, ENV, "make", "clean", "--project-path", "nowhere"), "nowhere");
    }

    @Test
    void makeRepo_namedPolicyFileMissing_exitsTwoNamingVariableAndPath() {
        CliRun expiration = twoliter("make", "repo", "-e", "BUILDSYS_VARIANT=aws-dev", "-e",
                "PUBLISH_EXPIRATION_POLICY_PATH=/nonexistent.toml");
        CliRun waves = twoliter("make", "repo", "-e", "BUILDSYS_VARIANT=aws-dev", "-e",
                "PUBLISH_WAVE_POLICY_PATH=nowhere/waves.toml");

        assertBadInput(expiration, "PUBLISH_EXPIRATION_POLICY_PATH names '/nonexistent.toml', which does not exist;"
                + " point it at a repo-expiration policy file, or unset it to use");
        assertBadInput(waves, "PUBLISH_WAVE_POLICY_PATH names '" + project.resolve("nowhere/waves.toml")
                + "', which does not exist; point it at a wave policy file, or unset it to use");
        assertThat(expiration.err()).doesNotContain("update image");
    }

    @Test
    void makeRepo_releaseStartTimeBeyondYear9999_exitsTwoNamingTheVariable() {
        CliRun run = twoliter("make", "repo", "-e", "BUILDSYS_VARIANT=aws-dev", "-e",
                "RELEASE_START_TIME=4294967295 weeks");

        assertBadInput(run, "RELEASE_START_TIME '4294967295 weeks' is +");
        assertThat(run.err()).contains("outside 1970-01-01T00:00:00Z to 9999-12-31T23:59:59Z")
                .doesNotContain("update image");
    }

    @Test
    void kitVendorNotInTwoliterToml_isRefusedAtLoadNamingFileAndFix() throws IOException {
        Path manifest = project.resolve("kits/core-kit/Cargo.toml");
        Files.writeString(manifest, Files.readString(manifest).replace("vendor = \"local\"", "vendor = \"acme\""));

        CliRun run = twoliter("query", "//...");

        assertBadInput(run, "error: kits/core-kit/Cargo.toml: [package.metadata.build-kit] vendor 'acme' is not"
                + " declared in Twoliter.toml (vendors: local); cannot define a dependency on a vendor that is not"
                + " specified: add [vendor.acme] with its registry to Twoliter.toml, or name a declared vendor");
    }

    @Test
    void vendor_vendorDirIsAFile_exitsTwoSayingSo() throws IOException {
        Files.writeString(project.resolve("notes.txt"), "not a directory");

        CliRun run = twoliter("vendor", "--vendor-dir", "notes.txt");

        assertBadInput(run, "error: --vendor-dir '" + project.resolve("notes.txt") + "' is a file, not a directory;"
                + " pass a directory (twoliter vendor creates it when missing)");
        assertThat(run.err().lines()).hasSize(1);
    }

    @Test
    void make_argumentHandlingErrors() {
        assertBadInput(twoliter("make", "-e", "NOEQUALS", "repo"), "-e 'NOEQUALS' is not KEY=VALUE");
        assertBadInput(twoliter("make", "repo", "--force"), "task 'repo' takes no arguments, got '--force'; after the"
                + " task only -e KEY=VALUE, --arch, --cargo-home, --project-path, --log-level, --dry-run and"
                + " --stacktrace are understood (see 'twoliter make --help')");
        assertBadInput(twoliter("make", "repo", "-e"), "'-e' after task 'repo' needs a value");
        assertBadInput(twoliter("make", "repo", "--cargo-home"), "'--cargo-home' after task 'repo' needs a value,"
                + " e.g. --cargo-home .cargo/");
        assertBadInput(twoliter("make", "clean", "--log-level", "loud"), "unknown log level 'loud' in --log-level;"
                + " use off, error, warn, info, debug or trace");
        assertBadInput(twoliter("make", "clean", "--", "extra"), "task 'clean' takes no arguments, got 'extra'");
        assertBadInput(twoliter("make", "ami", "--arch", "sparc"), "unsupported architecture 'sparc' in --arch");
        assertBadInput(twoliter("make", "-e", "BUILDSYS_SDK_NAME=x", "repo"), "the variable 'BUILDSYS_SDK_NAME' can"
                + " not be used");
        assertBadInput(twoliter("make", "-e", "BUILDSYS_ARCH=sparc", "build"), "unsupported architecture 'sparc' in"
                + " BUILDSYS_ARCH");
        assertBadInput(twoliter("make", "testsys", "--", "add", "secret"), "task 'testsys' is not supported");
    }

    @Test
    void publishKit_badInput_saysWhatToBuildOrDeclare() {
        CliRun unbuilt = twoliter("publish", "kit", "core-kit", "local");
        assertBadInput(unbuilt, "No kit archive(s) exist at path '");
        assertThat(unbuilt.err()).contains("core-kit-v1.0.0-").contains("build the kit first with 'twoliter build"
                + " kit core-kit --arch <x86_64|aarch64>'");
        assertBadInput(twoliter("publish", "kit", "core-kit", "acme"), "vendor 'acme' has no registry: neither '");
        assertBadInput(twoliter("publish", "kit", "core-kitt", "local"), "unknown kit 'core-kitt'");
        assertBadInput(twoliter("make", "-e", "BUILDSYS_KIT=core-kit", "publish-kit"), "PUBLISH_VENDOR is not set");
        assertBadInput(twoliter("make", "-e", "BUILDSYS_KIT=core-kit", "-e", "PUBLISH_VENDOR=local",
                "publish-kit"), "No kit archive(s) exist at path '");
    }

    @Test
    void build_declaredKitsNotFetched_saysToFetchForThatArch() throws IOException {
        Files.writeString(project.resolve("Twoliter.toml"), Files.readString(project.resolve("Twoliter.toml"))
                + "\n[[kit]]\nname = \"extra-kit\"\nversion = \"2.0.0\"\nvendor = \"local\"\n");

        CliRun run = twoliter("build", "variant", "aws-dev", "--arch", "aarch64", "--dry-run");

        assertBadInput(run, "Twoliter.toml declares kits (extra-kit-2.0.0@local) but"
                + " 'build/external-kits/external-kit-metadata.json' does not exist");
        assertThat(run.err()).contains("'twoliter fetch --arch aarch64'");
    }

    @Test
    void updateThenFetch_sampleWithoutExternalKits_locksTheInTreeSdkAndWritesMetadataWithNoKits() throws IOException {
        assertBadInput(twoliter("fetch", "--arch", "x86_64"), "Twoliter.lock does not exist");

        CliRun update = twoliter("update");
        CliRun fetch = twoliter("fetch", "--arch", "x86_64");

        assertThat(update.exitCode()).as(update.err()).isZero();
        assertThat(Files.readString(project.resolve("Twoliter.lock"))).startsWith("schema-version = 1\nkit = []\n")
                .contains("name = \"twoliter-sdk\"\n", "source = \"sdk/\"\n");
        assertThat(fetch.exitCode()).as(fetch.err()).isZero();
        assertThat(Files.readString(project.resolve("build/external-kits/external-kit-metadata.json")))
                .startsWith("{\"kit\":[],\"sdk\":{\"digest\":\"").endsWith("\"source\":\"sdk/\",\"vendor\":"
                        + "\"in-tree\",\"version\":\"0.0.0\"}}");
    }

    @Test
    void publishRepo_namesTheVariantAndSaysWhichBuildIsMissing() {
        assertBadInput(twoliter("publish", "repo", "--variant", "aws-devv", "--arch", "x86_64"),
                "unknown variant 'aws-devv'; did you mean 'aws-dev'?");
        CliRun run = twoliter("publish", "repo", "--variant", "aws-dev", "--arch", "x86_64");
        assertBadInput(run, "update image");
        assertThat(run.err()).contains("build the variant first: twoliter build variant aws-dev --arch x86_64");
    }

    @Test
    void buildClean_removesBuildOutputsOnly() {
        SampleProject.write(project.resolve("build/rpms/libhello/x.rpm"), "rpm");
        SampleProject.write(project.resolve("build/kits/core-kit/x86_64/repodata/repomd.xml"), "repo");

        CliRun run = twoliter("build", "clean");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(project.resolve("build/rpms")).doesNotExist();
        assertThat(project.resolve("build/kits")).doesNotExist();
        assertThat(project.resolve("packages/libhello/libhello.spec")).exists();
    }

    @Test
    void makeBuildPackage_withoutPackage_saysWhatToSet() {
        assertBadInput(twoliter("make", "build-package"), "PACKAGE is not set: it names the package to build, e.g."
                + " -e PACKAGE=libhello");
        assertBadInput(twoliter("make", "-e", "BUILDSYS_KIT=nope", "build-kit"), "unknown kit 'nope'");
    }

    @Test
    void malformedProjectFile_exitsTwoWithoutStackTrace() {
        SampleProject.write(project.resolve("Twoliter.toml"), "schema-version = 1\nrelease-version = \"1.0.0\"\n"
                + "[vendor.local\n");

        CliRun run = twoliter("query", "//...");

        assertBadInput(run, "error: Twoliter.toml:3:");
        assertThat(run.err().lines()).hasSize(1);
    }

    @Test
    void stacktraceFlag_printsTheTrace() {
        SampleProject.write(project.resolve("Twoliter.toml"), "schema-version = 3\nrelease-version = \"1.0.0\"\n");

        CliRun run = twoliter("--stacktrace", "query", "//...");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("'schema-version' must be 1").contains("\tat ");
    }

    @Test
    void cycle_isReportedBeforeAnythingRuns() {
        SampleProject.write(project.resolve("packages/libhello/Cargo.toml"), "[package]\nname = \"libhello\"\n"
                + "[package.metadata.build-package]\n[build-dependencies]\nhello-agent = { path = \"../hello-agent\""
                + " }\n");

        assertBadInput(twoliter("build", "variant", "aws-dev", "--dry-run"), "error: dependency cycle:"
                + " //packages/hello-agent -> //packages/libhello -> //packages/hello-agent;");
    }

    @Test
    void inheritedOptions_workAfterTheSubcommand() {
        CliRun run = CliRun.run(dir, ENV, "query", "--log-level", "error", "--project-path",
                project.resolve("Twoliter.toml").toString(), "//kits/...");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out().strip()).isEqualTo("//kits/core-kit");
    }

    @Test
    void outsideAProject_explainsHowToPointAtOne() {
        assertBadInput(CliRun.run(dir, ENV, "query", "//..."), "no Twoliter.toml in");
    }

    @Test
    void usageErrors_exitTwo() {
        CliRun run = twoliter("build", "variant");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("Missing required parameter").contains("twoliter build variant --help");
    }
}
