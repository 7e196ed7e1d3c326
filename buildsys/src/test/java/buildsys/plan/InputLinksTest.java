package buildsys.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import buildsys.Buildsys;
import buildsys.TestProject;
import buildsys.kits.ExternalKits;
import buildsys.manifest.Label;
import common.Arch;
import common.ErrorCategory;
import common.TwoliterException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Links among declared inputs: followed when they stay inside, refused at plan time when they leave. */
class InputLinksTest {
    private static final BuildIdentity IDENTITY = new BuildIdentity("1.0.0", "abc1234", "bottlerocket",
            "Bottlerocket OS");

    @TempDir
    Path dir;
    @TempDir
    Path host;

    @BeforeEach
    void writeProject() throws IOException {
        BuildPlannerTest.sampleProject(new TestProject(dir));
        Files.writeString(host.resolve("shadow"), "root:secret\n");
    }

    private BuildPlan plan() throws TwoliterException {
        return Buildsys.load(dir).plan(new PlanRequest(List.of(new Label("variants/aws-dev")), Arch.X86_64,
                Arch.X86_64, new SdkSource.InTree("sdk"), IDENTITY, ExternalKits.none()));
    }

    private Action action(String target) throws TwoliterException {
        return plan().actions().stream().filter(a -> a.target().equals(target)).findFirst().orElseThrow();
    }

    private void link(String path, Path target) throws IOException {
        Files.createSymbolicLink(dir.resolve(path), target);
    }

    @Test
    void packageFileLinkingToAHostFile_isRefusedNamingLinkAndTarget() throws IOException {
        link("packages/libhello/shadowlink", host.resolve("shadow"));

        assertThatThrownBy(this::plan).isInstanceOf(TwoliterException.class)
                .hasMessageStartingWith("'packages/libhello/shadowlink' is a link to '" + host.resolve("shadow")
                        + "', outside 'packages/libhello'")
                .satisfies(e -> assertThat(((TwoliterException) e).category()).isEqualTo(ErrorCategory.BAD_INPUT));
    }

    @Test
    void packageFileLinkingToAnotherPackage_isRefused() throws IOException {
        link("packages/libhello/borrowed.spec", Path.of("../hello-agent/hello-agent.spec"));

        assertThatThrownBy(this::plan).hasMessageStartingWith("'packages/libhello/borrowed.spec' is a link to"
                + " '../hello-agent/hello-agent.spec' ('" + dir.toRealPath() + "/packages/hello-agent/hello-agent.spec')"
                + ", outside 'packages/libhello'");
    }

    @Test
    void specThatIsALinkOut_isRefusedBeforeItIsRead() throws IOException {
        Files.writeString(host.resolve("shadow"), "%{lua: error('read') }\n");
        Files.delete(dir.resolve("packages/libhello/libhello.spec"));
        link("packages/libhello/libhello.spec", host.resolve("shadow"));

        assertThatThrownBy(this::plan).hasMessageStartingWith("'packages/libhello/libhello.spec' is a link to");
    }

    @Test
    void linkInsideThePackage_isFollowedAsTheFileItPointsTo() throws TwoliterException, IOException {
        new TestProject(dir).file("packages/libhello/files/data.txt", "one\n");
        link("packages/libhello/data.txt", Path.of("files/data.txt"));
        String before = action("//packages/libhello").key();

        Files.writeString(dir.resolve("packages/libhello/files/data.txt"), "two\n");

        Action after = action("//packages/libhello");
        assertThat(after.inputs()).extracting(InputFile::path).contains("packages/libhello/data.txt");
        assertThat(after.key()).isNotEqualTo(before);
    }

    @Test
    void sourceGroupLinkLeavingSources_isRefused() throws IOException {
        Files.createDirectories(dir.resolve("sources/libhello/sub"));
        link("sources/libhello/sub/passwd", host.resolve("shadow"));

        assertThatThrownBy(this::plan).hasMessageStartingWith("'sources/libhello/sub/passwd' is a link to '"
                + host.resolve("shadow") + "', outside 'sources'");
    }

    @Test
    void sourceGroupLinkToADirectoryOutside_isRefused() throws IOException {
        link("sources/libhello/etc", host);

        assertThatThrownBy(this::plan).hasMessageStartingWith("'sources/libhello/etc' is a link to");
    }

    @Test
    void sourceGroupLinkToAnotherSourceDirectory_isFollowed() throws TwoliterException, IOException {
        // As upstream's sources/settings-defaults/<variant>/defaults.d/*.toml link to ../../../shared-defaults/.
        new TestProject(dir).file("sources/shared-defaults/defaults.toml", "a = 1\n");
        Files.createDirectories(dir.resolve("sources/libhello/aws/defaults.d"));
        link("sources/libhello/aws/defaults.d/10-defaults.toml", Path.of("../../../shared-defaults/defaults.toml"));
        String before = action("//packages/libhello").key();

        Files.writeString(dir.resolve("sources/shared-defaults/defaults.toml"), "a = 2\n");

        Action after = action("//packages/libhello");
        assertThat(after.inputs()).extracting(InputFile::path)
                .contains("sources/libhello/aws/defaults.d/10-defaults.toml");
        assertThat(after.key()).isNotEqualTo(before);
    }

    @Test
    void sourceGroupThatIsALink_isRefused() throws IOException {
        Files.move(dir.resolve("sources/libhello"), host.resolve("libhello"));
        link("sources/libhello", host.resolve("libhello"));

        assertThatThrownBy(this::plan).hasMessageStartingWith("'sources/libhello' is a link to '"
                + host.toRealPath().resolve("libhello") + "'; directories that hold build inputs must be real");
    }

    @Test
    void sdkRecipeLinkLeavingTheRecipe_isRefused() throws IOException {
        link("sdk/id_rsa", host.resolve("shadow"));

        assertThatThrownBy(this::plan).hasMessageStartingWith("'sdk/id_rsa' is a link to '" + host.resolve("shadow")
                + "', outside 'sdk'");
    }

    @Test
    void variantFileLinkingToASiblingDirectory_isFollowed() throws TwoliterException, IOException {
        new TestProject(dir).file("variants/shared/template.ovf", "<ovf/>\n").file("Cargo.toml", "[workspace]\n"
                + "members = [\"packages/*\", \"kits/*\", \"variants/*\"]\nexclude = [\"variants/shared\"]\n");
        link("variants/aws-dev/template.ovf", Path.of("../shared/template.ovf"));

        assertThat(plan().actions().stream().filter(a -> a.step().equals("image")).findFirst().orElseThrow()
                .inputs()).extracting(InputFile::path).containsExactly("variants/aws-dev/template.ovf");
    }

    @Test
    void variantFileLinkingOutOfTheProject_isRefused() throws IOException {
        link("variants/aws-dev/template.ovf", host.resolve("shadow"));

        assertThatThrownBy(this::plan).hasMessageStartingWith("'variants/aws-dev/template.ovf' is a link to '"
                + host.resolve("shadow") + "', outside 'variants'");
    }

    @Test
    void danglingLink_isNoInput() throws TwoliterException, IOException {
        link("packages/libhello/gone", host.resolve("nothing-here"));

        assertThat(action("//packages/libhello").inputs()).extracting(InputFile::path)
                .doesNotContain("packages/libhello/gone");
    }
}
