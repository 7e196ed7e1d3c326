package buildsys.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import buildsys.Buildsys;
import buildsys.TestProject;
import buildsys.kits.ExternalKits;
import buildsys.kits.KitRef;
import buildsys.manifest.Label;
import common.Arch;
import common.TwoliterException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Plans of a project that takes core-kit from a registry: a fake fetched kit under build/external-kits. */
class ExternalKitPlanTest {
    private static final BuildIdentity IDENTITY = new BuildIdentity("1.0.0", "abc1234", "bottlerocket",
            "Bottlerocket OS");
    private static final String KIT_DIR = "build/external-kits/local/core-kit/";
    private static final String DIGEST_A = "sha256:" + "a".repeat(64);
    private static final String VARIANT_DEPS = "[build-dependencies]\nconsumer = { path = \"../../packages/consumer\" }";
    private static final List<Label> TARGETS = List.of(new Label("variants/aws-dev"), new Label("kits/my-kit"));

    @TempDir
    Path dir;

    @BeforeEach
    void writeProject() {
        new TestProject(dir).workspace()
                .file("sdk/Dockerfile", "FROM debian:bookworm\n")
                .pkg("consumer", "", "")
                .file("packages/consumer/consumer.spec", "Name: %{_cross_os}consumer\nVersion: 1.0\n"
                        + "BuildRequires: %{_cross_os}libhello-devel\n")
                .pkg("plain", "", "")
                .kit("my-kit", "[build-dependencies]\nconsumer = { path = \"../../packages/consumer\" }\n"
                        + "plain = { path = \"../../packages/plain\" }")
                .variant("aws-dev", "included-packages = [\"consumer\", \"hello-agent\"]", VARIANT_DEPS)
                .file(ExternalKits.METADATA, TestProject.read("kits/external-kit-metadata.json"))
                .file(KIT_DIR + "x86_64/digest", DIGEST_A)
                .file(KIT_DIR + "x86_64/Packages/hello-agent/bottlerocket-hello-agent.x86_64.rpm", "rpm")
                .file(KIT_DIR + "x86_64/Packages/libhello/bottlerocket-libhello.x86_64.rpm", "rpm")
                .file(KIT_DIR + "x86_64/repodata/repomd.xml", "<repomd/>");
    }

    private BuildPlan plan(Arch arch) throws TwoliterException {
        ExternalKits kits = ExternalKits.load(dir, List.of(new KitRef("core-kit", "local", "1.0.0")), arch);
        return Buildsys.load(dir).plan(new PlanRequest(TARGETS, arch, Arch.X86_64, new SdkSource.InTree("sdk"),
                IDENTITY, kits));
    }

    private static Map<String, Action> byName(BuildPlan plan) {
        Map<String, Action> actions = new TreeMap<>();
        plan.actions().forEach(a -> actions.put((a.kind().id() + " " + a.target() + " " + a.step()).strip(), a));
        return actions;
    }

    @Test
    void plan_declaresExternalKitsOnBuildRequiringPackagesRootfsAndKits() throws TwoliterException {
        Map<String, Action> actions = byName(plan(Arch.X86_64));

        String kitValue = "1.0.0 " + DIGEST_A;
        assertThat(actions.get("package //packages/consumer").env())
                .containsEntry("EXTERNAL_KIT local/core-kit", kitValue);
        assertThat(actions.get("package //packages/plain").env()).doesNotContainKey("EXTERNAL_KIT local/core-kit");
        assertThat(actions.get("variant //variants/aws-dev rootfs").env())
                .containsEntry("EXTERNAL_KIT local/core-kit", kitValue);
        assertThat(actions.get("kit //kits/my-kit").env()).containsEntry("EXTERNAL_KIT local/core-kit", kitValue)
                .containsEntry("KIT_SDK", "twoliter-sdk\tlocal\t0.0.0\tsdk/\tsdkdigest=");
    }

    @Test
    void refetchingAnotherKitImage_changesOnlyTheActionsThatUseKits() throws TwoliterException {
        Map<String, Action> before = byName(plan(Arch.X86_64));
        new TestProject(dir).file(KIT_DIR + "x86_64/digest", "sha256:" + "b".repeat(64));

        Map<String, Action> after = byName(plan(Arch.X86_64));

        assertThat(before.keySet().stream().filter(k -> !before.get(k).key().equals(after.get(k).key())))
                .containsExactly("kit //kits/my-kit", "package //packages/consumer", "variant //variants/aws-dev image",
                        "variant //variants/aws-dev rootfs");
    }

    @Test
    void anotherArchNotFetched_saysWhichFetchToRun() {
        assertThatThrownBy(() -> plan(Arch.AARCH64)).isInstanceOf(TwoliterException.class)
                .hasMessageContaining("run 'twoliter fetch --arch aarch64'");
    }

    @Test
    void includedPackageOfAnExternalKit_isAccepted_andATypoSaysOneShortLine() throws TwoliterException {
        assertThat(plan(Arch.X86_64).actions()).isNotEmpty();

        new TestProject(dir).variant("aws-dev", "included-packages = [\"consumer\", \"helo-agent\"]", VARIANT_DEPS);

        assertThatThrownBy(() -> plan(Arch.X86_64)).hasMessage("variants/aws-dev/Cargo.toml: included package"
                + " 'helo-agent' is produced by no package spec of this project nor offered by a fetched external kit;"
                + " did you mean 'hello-agent'?");
    }

    @Test
    void kitRepodata_offersSubpackagesAndProvidesBeyondItsPackageDirectories() throws TwoliterException {
        // The kit's Packages/hello-agent directory holds a subpackage RPM the variant names.
        new TestProject(dir).file(KIT_DIR + "x86_64/repodata/repomd.xml", "<repomd><data type=\"primary\">"
                        + "<location href=\"repodata/primary.xml\"/></data></repomd>")
                .file(KIT_DIR + "x86_64/repodata/primary.xml", "<metadata xmlns:rpm=\"rpm\"><package>"
                        + "<name>bottlerocket-hello-agent-tools</name><format><rpm:provides>"
                        + "<rpm:entry name=\"bottlerocket-hello\"/></rpm:provides></format></package></metadata>")
                .variant("aws-dev", "included-packages = [\"consumer\", \"hello-agent-tools\", \"hello\"]",
                        VARIANT_DEPS);

        assertThat(plan(Arch.X86_64).actions()).isNotEmpty();
        // With repodata, the directory names no longer count: only what dnf could install does.
        new TestProject(dir).variant("aws-dev", "included-packages = [\"hello-agent\"]", VARIANT_DEPS);
        assertThatThrownBy(() -> plan(Arch.X86_64)).hasMessageContaining("included package 'hello-agent' is"
                + " produced by no package spec");
    }

    @Test
    void withoutExternalKits_aPackageOnlyAKitHasIsATypo() {
        assertThatThrownBy(() -> Buildsys.load(dir).plan(new PlanRequest(TARGETS, Arch.X86_64, Arch.X86_64,
                new SdkSource.InTree("sdk"), IDENTITY, ExternalKits.none())))
                .hasMessage("variants/aws-dev/Cargo.toml: included package 'hello-agent' is produced by no package spec"
                        + " of this project; add a package or kit that builds 'bottlerocket-hello-agent'");
    }
}
