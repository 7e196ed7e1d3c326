package buildsys.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import buildsys.TestProject;
import buildsys.manifest.Label;
import buildsys.manifest.Workspace;
import common.TwoliterException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Upstream's manifest.rs expectations on a project shaped like tests/projects/local-kit (buildsys.md §9). */
class BuildGraphTest {
    @TempDir
    Path dir;

    private BuildGraph graph;

    @BeforeEach
    void load() throws TwoliterException {
        graph = BuildGraph.of(Workspace.load(TestProject.copyOf("local-kit", dir).root()));
    }

    private List<String> names(Collection<Label> labels) {
        return labels.stream().map(l -> graph.manifest(l).name()).toList();
    }

    private static Label label(String text) {
        return Label.parse(text);
    }

    @Test
    void packageDependencies_ofAPackageWithOnlyANormalDependency_isEmpty() {
        assertThat(names(graph.packageDependencies(label("//packages/pkg-g")))).isEmpty();
    }

    @Test
    void packageDependencies_useThePackageNameOverride() {
        assertThat(names(graph.packageDependencies(label("//kits/core-kit")))).containsExactly("pkg-a-1.27");
    }

    @Test
    void packageDependencies_ofAKit_includeNormalDependenciesBelowTheRoot() {
        assertThat(names(graph.packageDependencies(label("//kits/extra-3-kit"))))
                .containsExactly("pkg-e", "pkg-f", "pkg-g");
    }

    @Test
    void packageDependencies_doNotWalkThroughKits() {
        assertThat(names(graph.packageDependencies(label("//variants/hello-ootb")))).isEmpty();
    }

    @Test
    void kitDependencies_ofAPackage_followAllLinks() {
        assertThat(names(graph.kitDependencies(label("//packages/pkg-e"))))
                .containsExactly("core-kit", "extra-1-kit", "extra-2-kit");
    }

    @Test
    void kitDependencies_ofAVariant_areTransitive() {
        assertThat(names(graph.kitDependencies(label("//variants/hello-ootb"))))
                .containsExactly("core-kit", "extra-1-kit", "extra-2-kit", "extra-3-kit");
    }

    @Test
    void withDependencies_putsDependenciesFirst() {
        List<Label> order = graph.withDependencies(List.of(label("//kits/extra-1-kit")));

        assertThat(order).extracting(Label::toString).containsExactly("//packages/pkg-a-1.27", "//kits/core-kit",
                "//packages/pkg-b", "//packages/pkg-d", "//kits/extra-1-kit");
    }

    @Test
    void withDependents_listsEverythingAbove() {
        List<Label> order = graph.withDependents(List.of(label("//packages/pkg-f")));

        assertThat(order).extracting(Label::toString).containsExactly("//packages/pkg-f", "//packages/pkg-g",
                "//kits/extra-3-kit", "//variants/hello-ootb");
    }

    @Test
    void everyOrder_respectsEveryEdge() {
        List<Label> order = graph.withDependencies(graph.labels());

        assertThat(order).hasSize(graph.labels().size());
        for (Label label : order) {
            for (Label dep : graph.directDependencies(label)) {
                assertThat(order.indexOf(dep)).as(dep + " before " + label).isLessThan(order.indexOf(label));
            }
        }
    }

    @Test
    void cycle_isReportedWithItsPath() throws TwoliterException {
        new TestProject(dir).file("packages/pkg-f/Cargo.toml", "[package]\nname = \"pkg-f\"\n"
                + "[package.metadata.build-package]\n[dependencies]\npkg-g = { path = \"../pkg-g\" }\n");

        assertThatThrownBy(() -> BuildGraph.of(Workspace.load(dir)))
                .isInstanceOf(TwoliterException.class)
                .hasMessageStartingWith("dependency cycle: //packages/pkg-f -> //packages/pkg-g -> //packages/pkg-f;");
    }

    @Test
    void selfDependency_isACycle() {
        new TestProject(dir).file("packages/pkg-b/Cargo.toml", "[package]\nname = \"pkg-b\"\n"
                + "[package.metadata.build-package]\n[build-dependencies]\npkg-b = { path = \".\" }\n");

        assertThatThrownBy(() -> BuildGraph.of(Workspace.load(dir)))
                .hasMessageStartingWith("dependency cycle: //packages/pkg-b -> //packages/pkg-b;");
    }
}
