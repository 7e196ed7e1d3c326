package twoliter.project;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import buildsys.plan.SdkSource;
import common.TwoliterException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import twoliter.SampleProject;

class ProjectLoaderTest {
    private static final String HEADER = "schema-version = 1\nrelease-version = \"1.26.1\"\n\n"
            + "[vendor.bottlerocket]\nregistry = \"public.ecr.aws/bottlerocket\"\n";

    @TempDir
    Path dir;

    private Project load(String twoliterToml) throws TwoliterException {
        SampleProject.write(dir.resolve("Twoliter.toml"), twoliterToml);
        return ProjectLoader.load(dir.resolve("Twoliter.toml"));
    }

    @Test
    void sdkAndKits_areReadWithTheirImageUris() throws TwoliterException {
        Project project = load(HEADER + "\n[sdk]\nname = \"bottlerocket-sdk\"\nversion = \"0.46.0\"\n"
                + "vendor = \"bottlerocket\"\n\n[[kit]]\nname = \"bottlerocket-core-kit\"\nversion = \"3.1.1\"\n"
                + "vendor = \"bottlerocket\"\n");

        assertThat(project.config().releaseVersion()).isEqualTo("1.26.1");
        assertThat(project.config().kits()).containsExactly(new ImageRef("bottlerocket-core-kit", "3.1.1",
                "bottlerocket"));
        assertThat(project.sdk()).isEqualTo(new SdkSource.Registry(
                "public.ecr.aws/bottlerocket/bottlerocket-sdk:v0.46.0", Optional.empty()));
    }

    @Test
    void override_changesRegistryAndName() throws TwoliterException {
        SampleProject.write(dir.resolve("Twoliter.override"), "[bottlerocket.bottlerocket-sdk]\n"
                + "registry = \"localhost:5000\"\nname = \"my-sdk\"\n");
        Project project = load(HEADER + "\n[sdk]\nname = \"bottlerocket-sdk\"\nversion = \"0.46.0\"\n"
                + "vendor = \"bottlerocket\"\n");

        assertThat(project.projectImageUri(project.config().sdk().orElseThrow()))
                .isEqualTo("localhost:5000/my-sdk:v0.46.0");
    }

    @Test
    void lock_digestPinsTheRegistrySdk() throws TwoliterException {
        SampleProject.write(dir.resolve("Twoliter.lock"), "schema-version = 1\n\n[sdk]\n"
                + "name = \"bottlerocket-sdk\"\nversion = \"0.46.0\"\nvendor = \"bottlerocket\"\n"
                + "source = \"public.ecr.aws/bottlerocket/bottlerocket-sdk:v0.46.0\"\n"
                + "digest = \"V2lUX6Rs9rZLg8POxV7P785Mr5nallfyxor0Scrvh3Y=\"\n\nkit = []\n");
        Project project = load(HEADER + "\n[sdk]\nname = \"bottlerocket-sdk\"\nversion = \"0.46.0\"\n"
                + "vendor = \"bottlerocket\"\n");

        assertThat(project.lock().orElseThrow().kits()).isEmpty();
        assertThat(((SdkSource.Registry) project.sdk()).lockDigest())
                .contains("V2lUX6Rs9rZLg8POxV7P785Mr5nallfyxor0Scrvh3Y=");
    }

    @Test
    void inTreeSdk_isUsedWithoutAnSdkTable() throws TwoliterException {
        SampleProject.write(dir.resolve("sdk/Dockerfile"), "FROM debian:bookworm\n");

        assertThat(load(HEADER).sdk()).isEqualTo(new SdkSource.InTree("sdk"));
    }

    @Test
    void noSdkAtAll_saysHowToNameOne() {
        assertThatThrownBy(() -> load(HEADER).sdk()).hasMessageContaining("add an [sdk] table");
    }

    @Test
    void malformedToml_pointsAtLineAndColumn() {
        assertThatThrownBy(() -> load("schema-version = 1\nrelease-version = \"1.0.0\"\n[vendor.x]\n"
                + "registry = \"a\"\n\n[sdk]\nname = bottlerocket-sdk\n"))
                .hasMessageStartingWith("Twoliter.toml:7:8: invalid TOML:");
    }

    @Test
    void validation_namesKeyValueAndFix() {
        assertThatThrownBy(() -> load("schema-version = 2\nrelease-version = \"1.0.0\"\n"))
                .hasMessage("Twoliter.toml:1:1: 'schema-version' must be 1, got 2; this twoliter reads schema 1");
        assertThatThrownBy(() -> load("schema-version = 1\nrelease-version = \"1.x\"\n"))
                .hasMessage("Twoliter.toml:2:1: 'release-version' must be a semantic version such as 1.0.0, got"
                        + " '1.x'");
        assertThatThrownBy(() -> load(HEADER + "[sdk]\nname = \"sdk\"\nversion = \"v0.46.0\"\n"
                + "vendor = \"bottlerocket\"\n")).hasMessageContaining("'sdk.version' must be a semantic version"
                + " without a leading 'v'");
        assertThatThrownBy(() -> load(HEADER + "[[kit]]\nname = \"core-kit\"\nversion = \"1.0.0\"\n"
                + "vendor = \"acme\"\n")).hasMessageContaining("'kit[0].vendor' names 'acme', which is not a"
                + " [vendor.acme] table of Twoliter.toml");
        assertThatThrownBy(() -> load(HEADER + "[[kit]]\nname = \"core kit\"\nversion = \"1.0.0\"\n"
                + "vendor = \"bottlerocket\"\n")).hasMessageContaining("'kit[0].name' is 'core kit'; names may use"
                + " only letters, digits, '-' and '_'");
    }

    @Test
    void unknownKeys_areIgnoredAsUpstreamDoes() throws TwoliterException {
        assertThat(load(HEADER + "project-name = \"x\"\n").config().vendorRegistries()).containsKey("bottlerocket");
    }

    @Test
    void releaseToml_versionMustMatch() {
        SampleProject.write(dir.resolve("Release.toml"), "version = \"1.26.0\"\n");

        assertThatThrownBy(() -> load(HEADER)).hasMessage("the version in Release.toml, '1.26.0', does not match"
                + " release-version '1.26.1' in Twoliter.toml; make them equal");
    }

    @Test
    void releaseToml_migrations() throws TwoliterException {
        SampleProject.write(dir.resolve("Release.toml"), "version = \"1.26.1\"\n[migrations]\n"
                + "\"(1.0.0, 1.1.0)\" = [\"migrate_v1.1.0_a.lz4\"]\n\"(1.1.0,1.10.0)\" = []\n");

        assertThat(load(HEADER).release().orElseThrow().migrations())
                .containsEntry("(1.0.0, 1.1.0)", List.of("migrate_v1.1.0_a.lz4"))
                .containsEntry("(1.1.0,1.10.0)", List.of());
    }

    @Test
    void releaseToml_badMigrationKey() {
        SampleProject.write(dir.resolve("Release.toml"), "[migrations]\n\"(v1.0.0, 1.1.0)\" = []\n");

        assertThatThrownBy(() -> load(HEADER)).hasMessageContaining("Release.toml:2:1:")
                .hasMessageContaining("is not a pair of OS versions");
    }

    @Test
    void locate_walksUpFromSubdirectories() throws Exception {
        load(HEADER);
        Path nested = Files.createDirectories(dir.resolve("packages/glibc"));

        assertThat(ProjectLoader.locate(Optional.empty(), nested)).isEqualTo(dir.resolve("Twoliter.toml"));
        assertThat(ProjectLoader.locate(Optional.of(dir), Path.of("/"))).isEqualTo(dir.resolve("Twoliter.toml"));
    }

    @Test
    void locate_withoutProject_explainsBothWays(@TempDir Path empty) {
        assertThatThrownBy(() -> ProjectLoader.locate(Optional.empty(), empty))
                .hasMessageContaining("no Twoliter.toml in").hasMessageContaining("--project-path");
        assertThatThrownBy(() -> ProjectLoader.locate(Optional.of(Path.of("nope.toml")), empty))
                .hasMessageContaining("--project-path 'nope.toml' is not a Twoliter.toml file");
    }

    @Test
    void locate_projectPathIsAnotherFile_saysItIsAFileAndWhatToPass(@TempDir Path other) throws Exception {
        Files.writeString(other.resolve("notaproject.txt"), "hello world\n");
        Files.writeString(dir.resolve("Twoliter.toml"), "schema-version = 1\n");

        assertThatThrownBy(() -> ProjectLoader.locate(Optional.of(Path.of("notaproject.txt")), other))
                .isInstanceOf(TwoliterException.class)
                .hasMessage("--project-path 'notaproject.txt' is a file, not a project directory or its Twoliter.toml;"
                        + " pass the directory that holds Twoliter.toml, or that Twoliter.toml itself");
        assertThat(ProjectLoader.locate(Optional.of(dir.resolve("Twoliter.toml")), other))
                .isEqualTo(dir.resolve("Twoliter.toml"));
    }

    @Test
    void buildId_prefersTheEnvironment() {
        assertThat(BuildId.detect(dir, java.util.Map.of("BUILDSYS_VERSION_BUILD", "abc1234"))).isEqualTo("abc1234");
    }
}
