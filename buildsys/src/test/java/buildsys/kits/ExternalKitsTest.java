package buildsys.kits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import buildsys.TestProject;
import common.Arch;
import common.TwoliterException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExternalKitsTest {
    /** What fetch writes for core-kit 1.0.0 of vendor local, built by a project with an in-tree SDK. */
    private static final String METADATA = TestProject.read("kits/external-kit-metadata.json");
    private static final KitRef CORE = new KitRef("core-kit", "local", "1.0.0");

    @TempDir
    Path dir;

    @Test
    void load_declaredKitsWithoutMetadata_saysToFetch() {
        assertThatThrownBy(() -> ExternalKits.load(dir, List.of(CORE), Arch.AARCH64))
                .isInstanceOf(TwoliterException.class)
                .hasMessageContaining("Twoliter.toml declares kits (core-kit-1.0.0@local) but"
                        + " 'build/external-kits/external-kit-metadata.json' does not exist")
                .hasMessageContaining("'twoliter fetch --arch aarch64'");
    }

    @Test
    void load_noKitsAndNoMetadata_isNone() throws TwoliterException {
        assertThat(ExternalKits.load(dir, List.of(), Arch.X86_64)).isEqualTo(ExternalKits.none());
    }

    @Test
    void load_readsKitsAndSdk() throws TwoliterException {
        new TestProject(dir).file(ExternalKits.METADATA, METADATA);

        ExternalKits kits = ExternalKits.load(dir, List.of(CORE), Arch.X86_64);

        assertThat(kits.kits()).containsExactly(new ExternalImage("core-kit", "local", "1.0.0",
                "127.0.0.1:5000/core-kit:v1.0.0", "kitdigest="));
        assertThat(kits.sdk()).contains(new ExternalImage("twoliter-sdk", "local", "0.0.0", "sdk/", "sdkdigest="));
    }

    @Test
    void load_declaredVersionNotFetched_saysTheMetadataIsStale() {
        new TestProject(dir).file(ExternalKits.METADATA, METADATA);

        assertThatThrownBy(() -> ExternalKits.load(dir, List.of(new KitRef("core-kit", "local", "2.0.0")),
                Arch.X86_64)).hasMessageContaining("Twoliter.toml declares kit 'core-kit-2.0.0@local', which"
                + " 'build/external-kits/external-kit-metadata.json' does not list (it has [core-kit-1.0.0@local])");
    }

    @Test
    void load_kitsNoLongerDeclared_areIgnoredButTheSdkIsKept() throws TwoliterException {
        new TestProject(dir).file(ExternalKits.METADATA, METADATA);

        ExternalKits kits = ExternalKits.load(dir, List.of(), Arch.X86_64);

        assertThat(kits.kits()).isEmpty();
        assertThat(kits.sdk()).isPresent();
    }

    @Test
    void load_nameThatIsNotAnIdentifier_isRejectedBeforeItBecomesAPath() {
        new TestProject(dir).file(ExternalKits.METADATA, METADATA.replace("\"name\":\"core-kit\"",
                "\"name\":\"../evil\""));

        assertThatThrownBy(() -> ExternalKits.load(dir, List.of(CORE), Arch.X86_64))
                .hasMessageContaining("has kit[0].name '../evil'; names may use only letters");
    }

    @Test
    void load_brokenJson_namesTheFile() {
        new TestProject(dir).file(ExternalKits.METADATA, "{\"kit\":");

        assertThatThrownBy(() -> ExternalKits.load(dir, List.of(CORE), Arch.X86_64))
                .hasMessageStartingWith("'build/external-kits/external-kit-metadata.json' is not valid JSON");
    }

    @Test
    void fetched_kitNotUnpackedForTheArch_saysWhichFetchToRun() throws TwoliterException {
        new TestProject(dir).file(ExternalKits.METADATA, METADATA)
                .file("build/external-kits/local/core-kit/x86_64/digest", "sha256:" + "a".repeat(64))
                .file("build/external-kits/local/core-kit/x86_64/Packages/hello-agent/x.rpm", "rpm");
        ExternalKits kits = ExternalKits.load(dir, List.of(CORE), Arch.X86_64);

        assertThat(kits.fetched(dir, Arch.X86_64)).singleElement().satisfies(kit -> {
            assertThat(kit.packages()).containsExactly("hello-agent");
            assertThat(kit.imageDigest()).isEqualTo("sha256:" + "a".repeat(64));
            assertThat(kit.dir()).isEqualTo("build/external-kits/local/core-kit/x86_64");
        });
        assertThatThrownBy(() -> kits.fetched(dir, Arch.AARCH64)).hasMessage("external kit 'core-kit-1.0.0@local'"
                + " has not been fetched for aarch64: 'build/external-kits/local/core-kit/aarch64/digest' does not"
                + " exist; run 'twoliter fetch --arch aarch64'");
    }
}
