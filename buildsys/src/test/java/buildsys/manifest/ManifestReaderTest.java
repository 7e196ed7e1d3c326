package buildsys.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import buildsys.TestProject;
import common.Arch;
import common.ErrorCategory;
import common.TwoliterException;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestReaderTest {
    private static final String SHA = "a".repeat(128);

    @TempDir
    Path dir;

    private VariantSpec variant(String metadata) throws TwoliterException {
        TestProject project = new TestProject(dir).workspace().variant("aws-dev", metadata, "");
        return (VariantSpec) Workspace.load(project.root()).manifest(new Label("variants/aws-dev")).orElseThrow()
                .metadata();
    }

    private TwoliterException loadError() {
        try {
            Workspace.load(dir);
        } catch (TwoliterException e) {
            assertThat(e.category()).isEqualTo(ErrorCategory.BAD_INPUT);
            return e;
        }
        throw new AssertionError("expected the load to fail");
    }

    @Test
    void variant_withoutOptionalTables_getsUpstreamDefaults() throws TwoliterException {
        VariantSpec spec = variant("included-packages = [\"release\"]");

        assertThat(spec.imageLayout()).isEqualTo(ImageLayout.DEFAULT);
        assertThat(spec.imageFormat()).isEqualTo(ImageFormat.RAW);
        assertThat(spec.imageFeatures()).containsExactlyInAnyOrder(ImageFeature.IN_PLACE_UPDATES,
                ImageFeature.HOST_CONTAINERS);
        assertThat(spec.supportedArches()).isEqualTo(EnumSet.allOf(Arch.class));
        assertThat(spec.kernelParameters()).isEmpty();
        assertThat(spec.name().family()).isEqualTo("aws-dev");
    }

    @Test
    void imageFeatures_trueAddsFalseRemovesDefaults() throws TwoliterException {
        // buildsys.md §11 case 14.
        assertThat(variant("[package.metadata.build-variant.image-features]\nuefi-secure-boot = true").imageFeatures())
                .containsExactlyInAnyOrder(ImageFeature.UEFI_SECURE_BOOT, ImageFeature.IN_PLACE_UPDATES,
                        ImageFeature.HOST_CONTAINERS);
        assertThat(variant("[package.metadata.build-variant.image-features]\nin-place-updates = false\n"
                + "host-containers = false").imageFeatures()).isEmpty();
    }

    @Test
    void imageFeatures_dottedKeys_areRead() throws TwoliterException {
        // Real manifests write features as dotted keys, which TOML4J cannot parse.
        VariantSpec spec = variant("image-features.grub-set-private-var = true\nimage-layout.os-image-size-gib = 4\n"
                + "image-layout.partition-plan = \"unified\"");

        assertThat(spec.imageFeatures()).contains(ImageFeature.GRUB_SET_PRIVATE_VAR);
        assertThat(spec.imageLayout()).isEqualTo(new ImageLayout(4, 1, 22, PartitionPlan.UNIFIED));
    }

    @Test
    void imageFeatures_unknownKey_isAnErrorListingTheKnownOnes() {
        assertThatThrownBy(() -> variant("[package.metadata.build-variant.image-features]\nfoo = true"))
                .hasMessageContaining("variants/aws-dev/Cargo.toml:7:1")
                .hasMessageContaining("'package.metadata.build-variant.image-features.foo' is not an image feature")
                .hasMessageContaining("grub-set-private-var");
    }

    @Test
    void imageFeatures_buildArgAndBcondNames() {
        assertThat(ImageFeature.GRUB_SET_PRIVATE_VAR.buildArg()).isEqualTo("GRUB_SET_PRIVATE_VAR");
        assertThat(ImageFeature.GRUB_SET_PRIVATE_VAR.bcond()).isEqualTo("grub_set_private_var");
        assertThat(ImageFeature.fromKey("erofs-root-partition")).contains(ImageFeature.EROFS_ROOT_PARTITION);
    }

    @Test
    void variant_badValues_nameKeyAndAllowedValues() {
        assertThatThrownBy(() -> variant("image-format = \"iso\""))
                .hasMessageContaining("'package.metadata.build-variant.image-format' is 'iso'; use one of raw, qcow2,"
                        + " vmdk");
        assertThatThrownBy(() -> variant("supported-arches = [\"arm64\"]"))
                .hasMessageContaining("unsupported architecture 'arm64'").hasMessageContaining("did you mean"
                        + " 'aarch64'");
        assertThatThrownBy(() -> variant("[package.metadata.build-variant.image-layout]\npartition-plan = \"both\""))
                .hasMessageContaining("image-layout.partition-plan' is 'both'; use 'split' or 'unified'");
        assertThatThrownBy(() -> variant("kernel-parameters = \"quiet\""))
                .hasMessageContaining("'package.metadata.build-variant.kernel-parameters' must be an array of"
                        + " strings, got the string 'quiet'");
    }

    @Test
    void variant_supportedArchesAndKernelParameters_areKept() throws TwoliterException {
        VariantSpec spec = variant("supported-arches = [\"x86_64\"]\nkernel-parameters = [\"console=tty0\","
                + " \"quiet\"]");

        assertThat(spec.supports(Arch.X86_64)).isTrue();
        assertThat(spec.supports(Arch.AARCH64)).isFalse();
        assertThat(spec.kernelParameters()).containsExactly("console=tty0", "quiet");
    }

    @Test
    void variant_kernelParameterWithALineBreak_isRefusedAtLoadNamingFileKeyAndItem() {
        new TestProject(dir).workspace().variant("aws-dev", "kernel-parameters = [\"quiet\","
                + " \"console=tty0\\ninit=/bin/sh\"]", "");

        assertThat(loadError()).hasMessageStartingWith("variants/aws-dev/Cargo.toml:")
                .hasMessageContaining("'package.metadata.build-variant.kernel-parameters' item 2 is"
                        + " 'console=tty0\\ninit=/bin/sh', which holds a control character;")
                .hasMessageContaining("split it into separate items")
                .message().doesNotContain("\n");
    }

    @Test
    void variant_kernelParameterWithAnyControlCharacter_isRefused() {
        new TestProject(dir).workspace().variant("aws-dev", "kernel-parameters = [\"a\\tb\", \"c\\u001bd\"]", "");

        assertThat(loadError()).hasMessageContaining("item 1 is 'a\\tb'");
    }

    @Test
    void variant_withInvalidDirectoryName_failsWithTheNamingRule() {
        new TestProject(dir).workspace().variant("aws", "", "");

        assertThat(loadError()).hasMessageContaining("the 'runtime' segment of the variant 'aws' is missing");
    }

    @Test
    void package_removedKeys_areErrorsEvenWhenFalse() {
        // buildsys.md §11 case 15.
        new TestProject(dir).workspace().pkg("foo", "variant-sensitive = false", "");

        assertThat(loadError()).hasMessageContaining("packages/foo/Cargo.toml:6:1")
                .hasMessageContaining("'package.metadata.build-package.variant-sensitive' is no longer supported");
    }

    @Test
    void package_externalFiles_defaultPathIsLastUrlSegment() throws TwoliterException {
        // buildsys.md §11 case 7.
        new TestProject(dir).workspace().pkg("soci", "package-name = \"soci\"\n"
                + "[[package.metadata.build-package.external-files]]\n"
                + "url = \"https://github.com/awslabs/soci-snapshotter/archive/refs/tags/v0.7.0.tar.gz\"\n"
                + "sha512 = \"" + SHA + "\"\nbundle-modules = [\"go\"]\n", "");

        PackageSpec spec = (PackageSpec) Workspace.load(dir).manifest(new Label("packages/soci")).orElseThrow()
                .metadata();

        ExternalFile file = spec.externalFiles().get(0);
        assertThat(file.path()).isEqualTo("v0.7.0.tar.gz");
        assertThat(file.sha512().hex()).isEqualTo(SHA);
        assertThat(file.forceUpstream()).isFalse();
        assertThat(file.bundleModules()).containsExactly("go");
    }

    @Test
    void package_externalFilePathWithDirectory_isRejected() {
        // buildsys.md §11 case 6.
        new TestProject(dir).workspace().pkg("foo", "[[package.metadata.build-package.external-files]]\n"
                + "url = \"https://example.com/foo.tgz\"\nsha512 = \"" + SHA + "\"\npath = \"a/b.tgz\"\n", "");

        assertThat(loadError()).hasMessageContaining("'package.metadata.build-package.external-files[0].path' is"
                + " 'a/b.tgz'; it must be a plain file name");
    }

    @Test
    void package_goBundle_defaultsToBundledFileName_andHonoursOutputPath() throws TwoliterException {
        new TestProject(dir).workspace().pkg("soci", "[[package.metadata.build-package.external-files]]\n"
                + "url = \"https://example.com/soci-0.7.0.tar.gz\"\nsha512 = \"" + SHA + "\"\n"
                + "bundle-modules = [\"go\"]\n"
                + "[[package.metadata.build-package.external-files]]\n"
                + "url = \"https://example.com/soci-0.7.0.tar.gz\"\nsha512 = \"" + SHA + "\"\n"
                + "bundle-modules = [\"go\"]\nbundle-root-path = \"soci-0.7.0/cmd\"\n"
                + "bundle-output-path = \"bundled-cmd.tar.gz\"\n"
                + "[[package.metadata.build-package.external-files]]\n"
                + "url = \"https://example.com/plain.tar.gz\"\nsha512 = \"" + SHA + "\"\n", "");

        List<ExternalFile> files = ((PackageSpec) Workspace.load(dir).manifest(new Label("packages/soci"))
                .orElseThrow().metadata()).externalFiles();

        assertThat(files.get(0).goBundle()).contains("bundled-soci-0.7.0.tar.gz");
        assertThat(files.get(1).goBundle()).contains("bundled-cmd.tar.gz");
        assertThat(files.get(1).bundleRootPath()).contains("soci-0.7.0/cmd");
        assertThat(files.get(2).bundlesGo()).isFalse();
        assertThat(files.get(2).goBundle()).isEmpty();
    }

    @Test
    void package_goBundlePathsLeavingTheirPlace_areRejected() {
        new TestProject(dir).workspace().pkg("foo", "[[package.metadata.build-package.external-files]]\n"
                + "url = \"https://example.com/foo.tgz\"\nsha512 = \"" + SHA + "\"\nbundle-modules = [\"go\"]\n"
                + "bundle-root-path = \"foo/../../etc\"\n", "");
        assertThat(loadError()).hasMessageContaining("external-files[0].bundle-root-path' is 'foo/../../etc'; it"
                + " must be a directory inside the archive");

        new TestProject(dir).workspace().pkg("foo", "[[package.metadata.build-package.external-files]]\n"
                + "url = \"https://example.com/foo.tgz\"\nsha512 = \"" + SHA + "\"\nbundle-modules = [\"go\"]\n"
                + "bundle-output-path = \"../bundled.tgz\"\n", "");
        assertThat(loadError()).hasMessageContaining("external-files[0].bundle-output-path' is '../bundled.tgz';"
                + " it must be a plain file name");
    }

    @Test
    void package_uppercaseSha512_isRejectedInsteadOfNeverMatching() {
        new TestProject(dir).workspace().pkg("foo", "[[package.metadata.build-package.external-files]]\n"
                + "url = \"https://example.com/foo.tgz\"\nsha512 = \"" + "A".repeat(128) + "\"\n", "");

        assertThat(loadError()).hasMessageContaining("must be 128 lowercase hex digits");
    }

    @Test
    void package_nameOverride_andDependencies_areRead() throws TwoliterException {
        new TestProject(dir).workspace()
                .pkg("kernel-6.1", "package-name = \"kernel-6.1\"", "[build-dependencies]\nglibc = { path ="
                        + " \"../glibc\" }\n[dependencies]\nglibc.path = \"../glibc\"\nserde = \"1.0\"\n")
                .pkg("glibc", "", "");

        Manifest kernel = Workspace.load(dir).manifest(new Label("packages/kernel-6.1")).orElseThrow();

        assertThat(kernel.name()).isEqualTo("kernel-6.1");
        assertThat(kernel.dependencies()).containsExactly(
                new PathDependency("glibc", "../glibc", new Label("packages/glibc"), DependencyKind.BUILD),
                new PathDependency("glibc", "../glibc", new Label("packages/glibc"), DependencyKind.NORMAL));
    }

    @Test
    void package_namesThatAreNotRpmNames_areRefusedAtLoadNamingFileKeyAndValue() {
        // Written into TOML basic strings: "x\ny" holds a line break, which the message shows as \n.
        for (String bad : List.of("x;id", "$(id)", "`id`", "a b", "a/b", "../../etc/x", "..", ".hidden", "-x",
                "x\\ny", "")) {
            new TestProject(dir).workspace().pkg("foo", "package-name = \"" + bad + "\"", "");

            assertThat(loadError()).as(bad).hasMessageStartingWith("packages/foo/Cargo.toml:6:1:"
                    + " 'package.metadata.build-package.package-name' is '" + bad + "', which is not a package name:"
                    + " use letters, digits, '.', '_', '+' and '-', not starting with '.' or '-'");
        }
    }

    @Test
    void package_cargoNameUsedAsPackageName_isCheckedToo() {
        new TestProject(dir).file("Cargo.toml", "[workspace]\nmembers = [\"packages/foo\"]\n")
                .file("packages/foo/Cargo.toml", "[package]\nname = \"foo bar\"\n\n"
                        + "[package.metadata.build-package]\n");

        assertThat(loadError()).hasMessageStartingWith("packages/foo/Cargo.toml:2:1: 'package.name' is 'foo bar',"
                + " which is not a package name").hasMessageEndingWith("or set package-name in"
                + " [package.metadata.build-package]");
    }

    @Test
    void package_rpmNamesWithDotsPlusAndUnderscores_areAccepted() throws TwoliterException {
        new TestProject(dir).workspace().pkg("libstdcxx", "package-name = \"libstdc++_x.1-2\"", "");

        assertThat(Workspace.load(dir).manifest(new Label("packages/libstdcxx")).orElseThrow().name())
                .isEqualTo("libstdc++_x.1-2");
    }

    @Test
    void kit_withoutVendor_isAnError() {
        // buildsys.md §11 case 18: upstream fails on a build-kit table without vendor.
        new TestProject(dir).workspace().file("kits/k/Cargo.toml", "[package]\nname = \"k\"\n\n"
                + "[package.metadata.build-kit]\nkit-name = \"k\"\n");

        assertThat(loadError()).hasMessageContaining("kits/k/Cargo.toml:4:1").hasMessageContaining("has no"
                + " 'vendor'");
    }

    @Test
    void manifest_withoutBuildMetadata_isAPackageWithAWarning() throws TwoliterException {
        new TestProject(dir).workspace().file("packages/plain/Cargo.toml", "[package]\nname = \"plain\"\n");

        Workspace workspace = Workspace.load(dir);

        assertThat(workspace.manifest(new Label("packages/plain")).orElseThrow().kind())
                .isEqualTo(ManifestKind.PACKAGE);
        assertThat(workspace.warnings()).anyMatch(w -> w.contains("treating //packages/plain as a package"));
    }

    @Test
    void malformedToml_reportsFileLineAndColumn() {
        new TestProject(dir).workspace().file("packages/bad/Cargo.toml", "[package]\nname = \"bad\"\n"
                + "[package.metadata.build-package]\nsource-groups = [\"a\",\n  oops ]\n");

        assertThat(loadError()).hasMessageStartingWith("packages/bad/Cargo.toml:5:3: invalid TOML:");
    }

    @Test
    void workspace_globMatchingADirectoryWithoutCargoToml_isAnError() {
        new TestProject(dir).workspace().file("packages/empty/README", "x");

        assertThat(loadError()).hasMessageContaining("matches 'packages/empty' (from 'packages/*'), which has no"
                + " Cargo.toml");
    }

    @Test
    void workspace_missingPathDependency_namesBothManifests() {
        new TestProject(dir).workspace().pkg("hello-agent", "", "[build-dependencies]\nlibhello = { path ="
                + " \"../libhelo\" }\n");

        assertThat(loadError()).hasMessage("'packages/hello-agent/Cargo.toml' depends on"
                + " 'packages/libhelo/Cargo.toml' (libhello = { path = \"../libhelo\" } in [build-dependencies]),"
                + " which does not exist; fix the path or remove the dependency");
    }

    @Test
    void workspace_members_excludeAndExplicitPaths() throws TwoliterException {
        new TestProject(dir).file("Cargo.toml", "[workspace]\nmembers = [\"packages/*\", \"variants/aws-dev\"]\n"
                        + "exclude = [\"packages/skip\"]\n")
                .pkg("a", "", "").pkg("b", "", "").file("packages/skip/notes.txt", "x")
                .variant("aws-dev", "", "");

        assertThat(Workspace.load(dir).manifests().keySet()).extracting(Label::toString)
                .containsExactly("//packages/a", "//packages/b", "//variants/aws-dev");
    }

    @Test
    void workspace_pathDependencyOutsideMembers_isLoadedToo() throws TwoliterException {
        new TestProject(dir).file("Cargo.toml", "[workspace]\nmembers = [\"variants/*\"]\n")
                .variant("aws-dev", "", "[build-dependencies]\nx = { path = \"../../extra/x\" }")
                .file("extra/x/Cargo.toml", "[package]\nname = \"x\"\n[package.metadata.build-package]\n");

        assertThat(Workspace.load(dir).manifests().keySet()).extracting(Label::toString)
                .containsExactly("//extra/x", "//variants/aws-dev");
    }

    @Test
    void workspace_legacyVariantsWorkspace_isReadWithAWarning() throws TwoliterException {
        new TestProject(dir).file("variants/Cargo.toml", "[workspace]\nmembers = [\"aws-dev\"]\n")
                .variant("aws-dev", "", "");

        Workspace workspace = Workspace.load(dir);

        assertThat(workspace.manifests()).containsKey(new Label("variants/aws-dev"));
        assertThat(workspace.warnings()).anyMatch(w -> w.contains("variants/Cargo.toml"));
    }

    @Test
    void workspace_withoutCargoToml_saysWhatToCreate() {
        assertThat(loadError()).hasMessageContaining("has no Cargo.toml; create one with a [workspace]");
    }

    @Test
    void sampleFixture_variantsAndKitsCarryTheirNames() throws TwoliterException {
        Workspace workspace = Workspace.load(TestProject.copyOf("local-kit", dir).root());

        assertThat(workspace.manifests().values().stream().filter(m -> m.kind() == ManifestKind.KIT)
                .map(Manifest::name)).containsExactly("core-kit", "extra-1-kit", "extra-2-kit", "extra-3-kit");
        assertThat(workspace.manifest(new Label("packages/pkg-a-1.27")).orElseThrow().name())
                .isEqualTo("pkg-a-1.27");
        assertThat(List.copyOf(workspace.warnings())).isEmpty();
    }
}
