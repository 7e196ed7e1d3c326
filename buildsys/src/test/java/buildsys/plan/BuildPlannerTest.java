package buildsys.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import buildsys.Buildsys;
import buildsys.TestProject;
import buildsys.kits.ExternalKits;
import buildsys.manifest.Label;
import common.Arch;
import common.TwoliterException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuildPlannerTest {
    private static final BuildIdentity IDENTITY = new BuildIdentity("1.0.0", "abc1234", "bottlerocket",
            "Bottlerocket OS");
    private static final String SHA = "b".repeat(128);
    private static final Label VARIANT = new Label("variants/aws-dev");

    @TempDir
    Path dir;

    @BeforeEach
    void writeProject() {
        sampleProject(new TestProject(dir));
    }

    static TestProject sampleProject(TestProject project) {
        return project.workspace()
                .file("sdk/Dockerfile", "FROM debian:bookworm\n")
                .pkg("libhello", "source-groups = [\"libhello\"]", "")
                .file("sources/libhello/hello.c", "int hello(void) { return 1; }\n")
                .pkg("hello-agent", "source-groups = [\"hello-agent\"]",
                        "[build-dependencies]\nlibhello = { path = \"../libhello\" }")
                .file("sources/hello-agent/main.c", "int main(void) { return 0; }\n")
                .file("sources/hello-agent/README.md", "docs\n")
                .pkg("release", "[[package.metadata.build-package.external-files]]\n"
                        + "url = \"https://example.com/data-1.0.tar.gz\"\nsha512 = \"" + SHA + "\"\n", "")
                .file("packages/release/data-1.0.tar.gz", "not really a tarball")
                .kit("core-kit", "[build-dependencies]\nlibhello = { path = \"../../packages/libhello\" }\n"
                        + "hello-agent = { path = \"../../packages/hello-agent\" }\n"
                        + "release = { path = \"../../packages/release\" }")
                .variant("aws-dev", "included-packages = [\"release\", \"hello-agent\"]",
                        "[build-dependencies]\ncore-kit = { path = \"../../kits/core-kit\" }");
    }

    private BuildPlan plan(Path root, Arch arch, SdkSource sdk) throws TwoliterException {
        return Buildsys.load(root).plan(new PlanRequest(List.of(VARIANT), arch, Arch.X86_64, sdk, IDENTITY,
                ExternalKits.none()));
    }

    private BuildPlan plan() throws TwoliterException {
        return plan(dir, Arch.X86_64, new SdkSource.InTree("sdk"));
    }

    private static Map<String, String> keys(BuildPlan plan) {
        return plan.actions().stream().collect(Collectors.toMap(a -> (a.kind().id() + " " + a.target() + " "
                + a.step()).strip(), Action::key, (a, b) -> a, TreeMap::new));
    }

    private static List<String> changed(Map<String, String> before, Map<String, String> after) {
        return before.keySet().stream().filter(k -> !before.get(k).equals(after.get(k))).toList();
    }

    @Test
    void plan_listsSdkPackagesKitVariant_dependenciesFirst() throws TwoliterException {
        List<String> order = plan().actions().stream().map(a -> (a.kind().id() + " " + a.target() + " "
                + a.step()).strip()).toList();

        assertThat(order).containsExactly("sdk //sdk", "package //packages/libhello",
                "package //packages/hello-agent", "package //packages/release", "kit //kits/core-kit",
                "variant //variants/aws-dev rootfs", "variant //variants/aws-dev image");
    }

    @Test
    void plan_recordsDependenciesAndInputs() throws TwoliterException {
        Action agent = plan().actions().stream().filter(a -> a.target().equals("//packages/hello-agent"))
                .findFirst().orElseThrow();

        assertThat(agent.dependencies()).containsOnlyKeys("package //packages/libhello x86_64", "sdk //sdk x86_64");
        assertThat(agent.inputs()).extracting(InputFile::path).containsExactly("packages/hello-agent/Cargo.toml",
                "packages/hello-agent/hello-agent.spec", "sources/hello-agent/main.c");
        assertThat(agent.env()).containsEntry("PACKAGE", "hello-agent");
    }

    @Test
    void keys_areIdenticalOnEveryRun() throws TwoliterException {
        assertThat(keys(plan())).isEqualTo(keys(plan()));
    }

    @Test
    void keys_ignoreMtimes() throws TwoliterException, IOException {
        Map<String, String> before = keys(plan());
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.toList()) {
                Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2030-01-01T00:00:00Z")));
            }
        }

        assertThat(keys(plan())).isEqualTo(before);
    }

    @Test
    void keys_ignoreTheProjectsLocation(@TempDir Path elsewhere) throws TwoliterException {
        TestProject.copyTree(dir, elsewhere.resolve("other-checkout"));

        assertThat(keys(plan(elsewhere.resolve("other-checkout"), Arch.X86_64, new SdkSource.InTree("sdk"))))
                .isEqualTo(keys(plan()));
    }

    @Test
    void editingOneSourceByte_changesThatPackageAndWhatDependsOnIt() throws TwoliterException, IOException {
        Map<String, String> before = keys(plan());
        Files.writeString(dir.resolve("sources/hello-agent/main.c"), "int main(void) { return 1; }\n");

        assertThat(changed(before, keys(plan()))).containsExactly("kit //kits/core-kit",
                "package //packages/hello-agent", "variant //variants/aws-dev image", "variant //variants/aws-dev rootfs");
    }

    @Test
    void editingALibrary_changesItsDependentPackageToo() throws TwoliterException, IOException {
        Map<String, String> before = keys(plan());
        Files.writeString(dir.resolve("sources/libhello/hello.c"), "int hello(void) { return 2; }\n");

        assertThat(changed(before, keys(plan()))).containsExactly("kit //kits/core-kit",
                "package //packages/hello-agent", "package //packages/libhello", "variant //variants/aws-dev image", "variant //variants/aws-dev rootfs");
    }

    @Test
    void filesUpstreamDoesNotWatch_doNotChangeKeys() throws TwoliterException {
        Map<String, String> before = keys(plan());
        new TestProject(dir).file("sources/hello-agent/README.md", "other docs\n")
                .file("sources/hello-agent/target/out.o", "object")
                .file("sources/hello-agent/.hidden", "x")
                .file("packages/hello-agent/.swp", "editor");

        assertThat(keys(plan())).isEqualTo(before);
    }

    @Test
    void externalFiles_enterByDeclaredDigest_notByTheirBytes() throws TwoliterException, IOException {
        Map<String, String> before = keys(plan());
        Files.writeString(dir.resolve("packages/release/data-1.0.tar.gz"), "changed bytes");
        assertThat(keys(plan())).isEqualTo(before);

        String manifest = Files.readString(dir.resolve("packages/release/Cargo.toml"));
        Files.writeString(dir.resolve("packages/release/Cargo.toml"), manifest.replace(SHA, "c".repeat(128)));
        assertThat(changed(before, keys(plan()))).containsExactly("kit //kits/core-kit",
                "package //packages/release", "variant //variants/aws-dev image", "variant //variants/aws-dev rootfs");
    }

    @Test
    void otherArch_changesEveryKeyButTheSdks() throws TwoliterException {
        Map<String, String> x86 = keys(plan());
        Map<String, String> arm = keys(plan(dir, Arch.AARCH64, new SdkSource.InTree("sdk")));

        assertThat(changed(x86, arm)).hasSize(x86.size() - 1).doesNotContain("sdk //sdk");
    }

    @Test
    void registrySdk_keyFollowsTheLockDigest() throws TwoliterException {
        BuildPlan a = plan(dir, Arch.X86_64, new SdkSource.Registry("r/sdk:v1.0.0", Optional.of("digest-a")));
        BuildPlan b = plan(dir, Arch.X86_64, new SdkSource.Registry("r/sdk:v1.0.0", Optional.of("digest-b")));

        assertThat(a.actions().get(0).target()).isEqualTo("r/sdk:v1.0.0");
        assertThat(changed(keys(a), keys(b))).hasSize(keys(a).size());
    }

    @Test
    void identity_entersKitAndVariantKeysOnly() throws TwoliterException {
        Map<String, String> before = keys(plan());
        BuildPlan other = Buildsys.load(dir).plan(new PlanRequest(List.of(VARIANT), Arch.X86_64, Arch.X86_64,
                new SdkSource.InTree("sdk"), new BuildIdentity("1.0.0", "def5678", "bottlerocket", "Bottlerocket OS"),
                ExternalKits.none()));

        assertThat(changed(before, keys(other))).containsExactly("kit //kits/core-kit", "variant //variants/aws-dev image", "variant //variants/aws-dev rootfs");
    }

    @Test
    void kernelParameters_changeOnlyTheImageStep() throws TwoliterException {
        Map<String, String> before = keys(plan());
        new TestProject(dir).variant("aws-dev", "included-packages = [\"release\", \"hello-agent\"]\n"
                + "kernel-parameters = [\"console=ttyS0\"]",
                "[build-dependencies]\ncore-kit = { path = \"../../kits/core-kit\" }");

        assertThat(changed(before, keys(plan()))).containsExactly("variant //variants/aws-dev image");
    }

    @Test
    void includedPackages_changeBothVariantSteps() throws TwoliterException {
        Map<String, String> before = keys(plan());
        new TestProject(dir).variant("aws-dev", "included-packages = [\"release\"]",
                "[build-dependencies]\ncore-kit = { path = \"../../kits/core-kit\" }");

        assertThat(changed(before, keys(plan()))).containsExactly("variant //variants/aws-dev image",
                "variant //variants/aws-dev rootfs");
    }

    @Test
    void uefiSecureBoot_isRefusedUntilSigningExists() {
        new TestProject(dir).variant("aws-dev", "included-packages = [\"release\"]\n"
                + "image-features.uefi-secure-boot = true",
                "[build-dependencies]\ncore-kit = { path = \"../../kits/core-kit\" }");

        assertThatThrownBy(this::plan).hasMessageContaining("'uefi-secure-boot', but signing images is not"
                + " supported");
    }

    @Test
    void missingSpec_isReportedWithItsExpectedPath() throws IOException {
        Files.delete(dir.resolve("packages/release/release.spec"));

        assertThatThrownBy(this::plan).hasMessageContaining("package //packages/release has no spec file"
                + " 'packages/release/release.spec'");
    }

    @Test
    void specSourceThatIsNeitherAFileNorExternal_isReportedWithItsLine() {
        new TestProject(dir).file("packages/release/release.spec",
                "Name: %{_cross_os}release\nSource0: data-1.0.tar.gz\n"
                + "Source1: os-release\n");

        assertThatThrownBy(this::plan).hasMessageStartingWith("packages/release/release.spec:3: Source1"
                + " 'os-release' is neither a file in packages/release nor an external-files entry");
    }

    @Test
    void includedPackageTypo_isCaughtBeforeAnyBuild() {
        new TestProject(dir).variant("aws-dev", "included-packages = [\"helo-agent\"]",
                "[build-dependencies]\ncore-kit = { path = \"../../kits/core-kit\" }");

        assertThatThrownBy(this::plan).isInstanceOf(TwoliterException.class).hasMessage("variants/aws-dev/Cargo.toml:"
                + " included package 'helo-agent' is produced by no package spec of this project; did you mean"
                + " 'hello-agent'?");
    }

    @Test
    void includedPackageInNoKitOfTheVariant_isCaughtBeforeAnyBuild() throws TwoliterException {
        new TestProject(dir).pkg("orphan", "", "")
                .file("packages/orphan/orphan.spec", "Name: %{_cross_os}orphan\nVersion: 1.0\n")
                .variant("aws-dev", "included-packages = [\"release\", \"orphan\"]",
                        "[build-dependencies]\ncore-kit = { path = \"../../kits/core-kit\" }");

        assertThatThrownBy(this::plan).isInstanceOf(TwoliterException.class).hasMessage("variants/aws-dev/Cargo.toml:"
                + " included package 'orphan' is built by a package of this project, but by none that the variant's"
                + " root filesystem installs from (its kits: //kits/core-kit, the external kits and its own"
                + " build-dependencies); add that package to a kit's [build-dependencies], or to the variant's");

        // As the variant's own build-dependency it is installed with the kit's packages.
        new TestProject(dir).variant("aws-dev", "included-packages = [\"release\", \"orphan\"]",
                "[build-dependencies]\ncore-kit = { path = \"../../kits/core-kit\" }\n"
                        + "orphan = { path = \"../../packages/orphan\" }");
        assertThat(plan().actions()).anyMatch(a -> a.target().equals("//packages/orphan"));
    }

    @Test
    void includedSubpackage_resolvesByItsRpmName() throws TwoliterException {
        new TestProject(dir).file("packages/libhello/libhello.spec", "Name: %{_cross_os}libhello\nVersion: 1.0\n"
                + "%package devel\nSummary: headers\n%package -n %{_cross_os}hello-tools\nSummary: tools\n")
                .variant("aws-dev", "included-packages = [\"release\", \"libhello-devel\", \"hello-tools\"]",
                        "[build-dependencies]\ncore-kit = { path = \"../../kits/core-kit\" }");

        assertThat(plan().actions()).isNotEmpty();
    }

    @Test
    void unsupportedArch_plansNothingAndWarns() throws TwoliterException {
        new TestProject(dir).variant("aws-dev", "supported-arches = [\"x86_64\"]",
                "[build-dependencies]\ncore-kit = { path = \"../../kits/core-kit\" }");

        BuildPlan plan = plan(dir, Arch.AARCH64, new SdkSource.InTree("sdk"));

        assertThat(plan.actions()).isEmpty();
        assertThat(plan.warnings()).containsExactly("variant 'aws-dev' supports only x86_64; nothing to build for"
                + " aarch64");
    }

    @Test
    void missingSdkRecipe_saysWhatToAdd() throws IOException {
        Files.delete(dir.resolve("sdk/Dockerfile"));

        assertThatThrownBy(this::plan).hasMessageContaining("the SDK recipe 'sdk/Dockerfile' does not exist");
    }

    /** The release package's archive, bundled as Go modules; the spec names the bundle as a source. */
    private void bundleReleaseArchive(String extraKeys) {
        new TestProject(dir).pkg("release", "[[package.metadata.build-package.external-files]]\n"
                        + "url = \"https://example.com/data-1.0.tar.gz\"\nsha512 = \"" + SHA + "\"\n"
                        + "bundle-modules = [\"go\"]\n" + extraKeys, "")
                .file("packages/release/release.spec",
                        "Name: %{_cross_os}release\nSource0: data-1.0.tar.gz\n"
                        + "Source1: bundled-data-1.0.tar.gz\n");
    }

    @Test
    void goBundle_isAnActionThePackageDependsOn_andTheSpecMayNameItsOutput() throws TwoliterException {
        bundleReleaseArchive("");
        BuildPlan plan = plan();

        Action bundle = plan.actions().stream().filter(a -> a.kind() == ActionKind.GO_BUNDLE).findFirst()
                .orElseThrow();
        assertThat(bundle.id()).isEqualTo("go-bundle //packages/release x86_64 bundled-data-1.0.tar.gz");
        assertThat(bundle.env()).containsEntry("EXTERNAL_FILE data-1.0.tar.gz", SHA)
                .containsEntry("BUNDLE_ROOT_PATH", "").containsEntry("BUNDLE_OUTPUT", "bundled-data-1.0.tar.gz");
        assertThat(bundle.dependencies()).containsOnlyKeys("sdk //sdk x86_64");
        Action release = plan.actions().stream().filter(a -> a.target().equals("//packages/release")
                && a.kind() == ActionKind.PACKAGE).findFirst().orElseThrow();
        assertThat(release.dependencies()).containsKey(bundle.id());
        assertThat(plan.actions().indexOf(bundle)).isLessThan(plan.actions().indexOf(release));
    }

    @Test
    void goBundle_isSharedByBothArches_andFollowsTheArchiveDigestAndRootPath() throws TwoliterException,
            IOException {
        bundleReleaseArchive("");
        Map<String, String> x86 = keys(plan());
        Map<String, String> arm = keys(plan(dir, Arch.AARCH64, new SdkSource.InTree("sdk")));
        String bundle = "go-bundle //packages/release bundled-data-1.0.tar.gz";
        assertThat(arm.get(bundle)).isEqualTo(x86.get(bundle));

        String manifest = Files.readString(dir.resolve("packages/release/Cargo.toml"));
        Files.writeString(dir.resolve("packages/release/Cargo.toml"), manifest.replace(SHA, "c".repeat(128)));
        Map<String, String> otherArchive = keys(plan());
        assertThat(changed(x86, otherArchive)).contains(bundle, "package //packages/release");

        bundleReleaseArchive("bundle-root-path = \"data-1.0/cmd\"\n");
        assertThat(changed(x86, keys(plan()))).contains(bundle);
    }

    @Test
    void goBundle_staleCopyBesideTheSpec_isNotAnInput() throws TwoliterException {
        bundleReleaseArchive("");
        Map<String, String> before = keys(plan());
        new TestProject(dir).file("packages/release/bundled-data-1.0.tar.gz", "left by an upstream build");

        assertThat(keys(plan())).isEqualTo(before);
    }

    @Test
    void goBundle_outputPathNamesTheBundle() throws TwoliterException {
        bundleReleaseArchive("bundle-output-path = \"bundled-cmd.tar.gz\"\n");
        new TestProject(dir).file("packages/release/release.spec",
                "Name: %{_cross_os}release\nSource0: data-1.0.tar.gz\n"
                + "Source1: bundled-cmd.tar.gz\n");

        assertThat(keys(plan())).containsKey("go-bundle //packages/release bundled-cmd.tar.gz");
    }

    @Test
    void goBundle_withoutBundleModules_theSpecMayNotNameOne() {
        new TestProject(dir).file("packages/release/release.spec",
                "Name: %{_cross_os}release\nSource0: data-1.0.tar.gz\n"
                + "Source1: bundled-data-1.0.tar.gz\n");

        assertThatThrownBy(this::plan).hasMessageStartingWith("packages/release/release.spec:3: Source1"
                + " 'bundled-data-1.0.tar.gz' is neither a file in packages/release nor an external-files entry");
    }
}
