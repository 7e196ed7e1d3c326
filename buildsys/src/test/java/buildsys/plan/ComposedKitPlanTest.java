package buildsys.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import buildsys.Buildsys;
import buildsys.QueryRequest;
import buildsys.TestProject;
import buildsys.kits.ComposedKit;
import buildsys.kits.ExternalKits;
import buildsys.manifest.Label;
import buildsys.manifest.Repository;
import common.Arch;
import common.TwoliterException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Plans of a project whose external kit core-kit is built from another project's sources (Twoliter.override path to
 * that project): both projects have a package named release.
 */
class ComposedKitPlanTest {
    private static final BuildIdentity IDENTITY = new BuildIdentity("1.0.0", "abc1234", "bottlerocket",
            "Bottlerocket OS");
    private static final Label KIT = new Label("core-kit", "kits/core-kit");
    private static final ComposedKit COMPOSED = new ComposedKit("local", "core-kit", "2.0.0", KIT);
    private static final List<Label> TARGETS = List.of(new Label("variants/aws-dev"));

    @TempDir
    Path dir;
    private Path main;
    private Path other;

    @BeforeEach
    void writeProjects() {
        main = dir.resolve("variant-project");
        other = dir.resolve("kit-project");
        new TestProject(main).workspace()
                .file("sdk/Dockerfile", "FROM debian:bookworm\n")
                .pkg("release", "", "")
                .pkg("consumer", "", "")
                .file("packages/consumer/consumer.spec", "Name: %{_cross_os}consumer\nVersion: 1.0\n"
                        + "BuildRequires: %{_cross_os}hello-devel\n")
                .variant("aws-dev", "included-packages = [\"release\", \"consumer\", \"hello\"]",
                        "[build-dependencies]\nconsumer = { path = \"../../packages/consumer\" }");
        new TestProject(other).workspace()
                .pkg("release", "", "")
                .pkg("hello", "", "[build-dependencies]\nrelease = { path = \"../release\" }")
                .file("packages/hello/hello.spec", "Name: %{_cross_os}hello\nVersion: 1.0\n"
                        + "BuildRequires: %{_cross_os}release\n")
                .kit("core-kit", "[build-dependencies]\nhello = { path = \"../../packages/hello\" }\n"
                        + "release = { path = \"../../packages/release\" }");
    }

    private Buildsys load() throws TwoliterException {
        return Buildsys.load(main, List.of(new Repository("core-kit", other)));
    }

    private BuildPlan plan(ComposedKit... composed) throws TwoliterException {
        return load().plan(new PlanRequest(TARGETS, Arch.X86_64, Arch.X86_64, new SdkSource.InTree("sdk"),
                IDENTITY, ExternalKits.none(), List.of(composed)));
    }

    private static Map<String, Action> byName(BuildPlan plan) {
        Map<String, Action> actions = new TreeMap<>();
        plan.actions().forEach(a -> actions.put((a.kind().id() + " " + a.target() + " " + a.step()).strip(), a));
        return actions;
    }

    @Test
    void plan_buildsTheKitFromItsProject_andUsesItWhereTheFetchedKitWouldBe() throws TwoliterException {
        Map<String, Action> actions = byName(plan(COMPOSED));

        assertThat(actions.keySet()).containsExactly("kit @core-kit//kits/core-kit",
                "package //packages/consumer", "package @core-kit//packages/hello",
                "package @core-kit//packages/release", "sdk //sdk", "variant //variants/aws-dev image",
                "variant //variants/aws-dev rootfs");
        Action kit = actions.get("kit @core-kit//kits/core-kit");
        assertThat(kit.env()).containsEntry("VERSION_ID", "2.0.0").containsEntry("KIT", "core-kit")
                .doesNotContainKey("EXTERNAL_KIT local/core-kit");
        String declared = "2.0.0 built-from-source @core-kit//kits/core-kit";
        for (String user : List.of("package //packages/consumer", "variant //variants/aws-dev rootfs")) {
            assertThat(actions.get(user).env()).as(user).containsEntry("EXTERNAL_KIT local/core-kit", declared);
            assertThat(actions.get(user).dependencies()).as(user)
                    .containsEntry("kit @core-kit//kits/core-kit x86_64", kit.key());
        }
        assertThat(actions.get("package @core-kit//packages/hello").env())
                .doesNotContainKey("EXTERNAL_KIT local/core-kit");
        assertThat(actions.get("package @core-kit//packages/hello").inputs()).extracting(InputFile::path)
                .containsExactly("packages/hello/Cargo.toml", "packages/hello/hello.spec");
    }

    @Test
    void keys_stableAcrossLoads_andAnEditInTheKitProjectChangesExactlyItsDependents() throws TwoliterException {
        Map<String, Action> before = byName(plan(COMPOSED));
        assertThat(byName(plan(COMPOSED))).isEqualTo(before);

        new TestProject(other).file("packages/hello/hello.spec", "Name: %{_cross_os}hello\nVersion: 1.1\n"
                + "BuildRequires: %{_cross_os}release\n");
        Map<String, Action> after = byName(plan(COMPOSED));

        assertThat(before.keySet().stream().filter(k -> !before.get(k).key().equals(after.get(k).key())))
                .containsExactly("kit @core-kit//kits/core-kit", "package //packages/consumer",
                        "package @core-kit//packages/hello", "variant //variants/aws-dev image",
                        "variant //variants/aws-dev rootfs");
    }

    @Test
    void composedRepository_doesNotChangeTheMainProjectsLabelsOrPlainPatterns() throws TwoliterException {
        Buildsys buildsys = load();

        assertThat(buildsys.query(new QueryRequest(List.of("//..."), "", QueryRequest.Mode.MATCHES)))
                .allMatch(Label::isMain).hasSize(3);
        assertThat(buildsys.query(new QueryRequest(List.of("@core-kit//..."), "", QueryRequest.Mode.MATCHES)))
                .extracting(Label::toString).containsExactly("@core-kit//kits/core-kit",
                        "@core-kit//packages/hello", "@core-kit//packages/release");
        assertThat(buildsys.workspace().manifest(new Label("core-kit", "packages/hello")).orElseThrow().file())
                .isEqualTo(other.resolve("packages/hello/Cargo.toml").toString());
    }

    @Test
    void kitOfAnotherVendor_isRejectedNamingBoth() {
        assertThatThrownBy(() -> plan(new ComposedKit("acme", "core-kit", "2.0.0", KIT)))
                .isInstanceOf(TwoliterException.class)
                .hasMessageContaining("kit 'core-kit' of vendor 'acme' is to be built from source as"
                        + " @core-kit//kits/core-kit, but ")
                .hasMessageContaining("builds kit 'core-kit' of vendor 'local'");
        assertThatThrownBy(() -> plan(new ComposedKit("local", "core-kit", "2.0.0",
                new Label("core-kit", "packages/hello")))).hasMessageContaining("which is not a kit of that project");
    }

    @Test
    void kitsBuiltFromSourceThatNeedEachOther_areReportedAsACycle() {
        Path third = dir.resolve("third-project");
        new TestProject(third).workspace().pkg("needs-core", "", "")
                .file("packages/needs-core/needs-core.spec", "Name: x\nBuildRequires: hello\n")
                .kit("other-kit", "[build-dependencies]\nneeds-core = { path = \"../../packages/needs-core\" }");

        assertThatThrownBy(() -> Buildsys.load(main, List.of(new Repository("core-kit", other),
                new Repository("other-kit", third))).plan(new PlanRequest(TARGETS, Arch.X86_64, Arch.X86_64,
                new SdkSource.InTree("sdk"), IDENTITY, ExternalKits.none(), List.of(COMPOSED,
                new ComposedKit("local", "other-kit", "1.0.0", new Label("other-kit", "kits/other-kit"))))))
                .hasMessageContaining("kits built from source need each other: @core-kit//kits/core-kit ->")
                .hasMessageContaining("@other-kit//kits/other-kit -> @other-kit//packages/needs-core ->"
                        + " @core-kit//kits/core-kit;");
    }
}
