package buildsys.plan;

import static org.assertj.core.api.Assertions.assertThat;

import buildsys.TestProject;
import buildsys.kits.ExternalImage;
import buildsys.kits.FetchedKit;
import buildsys.manifest.Label;
import buildsys.manifest.Manifest;
import buildsys.manifest.PackageSpec;
import common.Arch;
import common.TwoliterException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProvidedPackagesTest {
    private static final Manifest VARIANT = new Manifest(new Label("variants/aws-dev"), "variants/aws-dev/Cargo.toml",
            "aws-dev", new PackageSpec("aws-dev", List.of(), List.of()), List.of());
    private static final String KIT_DIR = "build/external-kits/local/core-kit/x86_64";

    @TempDir
    Path dir;

    private static Manifest pkg(String name) {
        return new Manifest(new Label("packages/" + name), "packages/" + name + "/Cargo.toml", name,
                new PackageSpec(name, List.of(), List.of()), List.of());
    }

    private static FetchedKit kit(List<String> packageDirs) {
        return new FetchedKit(new ExternalImage("core-kit", "local", "1.0.0", "registry/core-kit:v1.0.0", "d="),
                Arch.X86_64, KIT_DIR, "sha256:" + "a".repeat(64), packageDirs);
    }

    @Test
    void of_specSubpackages_areProvidedWithoutThePrefix() throws TwoliterException {
        new TestProject(dir).file("packages/kubernetes-1.29/kubernetes-1.29.spec", "%global ver 1.29\n"
                + "Name: %{_cross_os}kubernetes-%{ver}\n%package -n %{_cross_os}kubelet-%{ver}\n%package devel\n");

        ProvidedPackages provided = ProvidedPackages.of(dir, List.of(pkg("kubernetes-1.29")), List.of());

        assertThat(List.of("kubernetes-1.29", "kubelet-1.29", "kubernetes-1.29-devel")).allMatch(provided::provides);
        assertThat(provided.provides("bottlerocket-kubelet-1.29")).isFalse();
    }

    @Test
    void of_packageWithoutSpec_providesItsPackageName() throws TwoliterException {
        assertThat(ProvidedPackages.of(dir, List.of(pkg("nospec")), List.of()).provides("nospec")).isTrue();
    }

    @Test
    void of_kitWithoutRepodata_fallsBackToItsPackageDirectories() throws TwoliterException {
        ProvidedPackages provided = ProvidedPackages.of(dir, List.of(), List.of(kit(List.of("hello-agent"))));

        assertThat(provided.provides("hello-agent")).isTrue();
    }

    @Test
    void notProvided_isOneLineWithAtMostFiveNearestNames() throws TwoliterException {
        new TestProject(dir).file("packages/kubernetes/kubernetes.spec", "Name: %{_cross_os}kubernetes\n"
                + "%package -n %{_cross_os}kubelet-1.24\n%package -n %{_cross_os}kubelet-1.25\n"
                + "%package -n %{_cross_os}kubelet-1.26\n%package -n %{_cross_os}kubelet-1.27\n"
                + "%package -n %{_cross_os}kubelet-1.28\n%package -n %{_cross_os}kubelet-1.29\n");
        ProvidedPackages provided = ProvidedPackages.of(dir, List.of(pkg("kubernetes")), List.of());

        assertThat(provided.notProvided(VARIANT, "kubelet-1.2")).hasMessage("variants/aws-dev/Cargo.toml: included"
                + " package 'kubelet-1.2' is produced by no package spec of this project; did you mean one of"
                + " 'kubelet-1.24', 'kubelet-1.25', 'kubelet-1.26', 'kubelet-1.27', 'kubelet-1.28'?");
        assertThat(provided.notProvided(VARIANT, "zzz").getMessage()).isEqualTo("variants/aws-dev/Cargo.toml:"
                + " included package 'zzz' is produced by no package spec of this project; add a package or kit that"
                + " builds 'bottlerocket-zzz'");
    }

    @Test
    void notProvided_mentionsKitsUnexpandedAndUnprefixedSpecNames() throws TwoliterException {
        new TestProject(dir).file("packages/odd/odd.spec", "Name: odd\n%package -n %{_cross_os}%{sdk_macro}-x\n");
        ProvidedPackages provided = ProvidedPackages.of(dir, List.of(pkg("odd")), List.of(kit(List.of())));

        assertThat(provided.notProvided(VARIANT, "odd")).hasMessage("variants/aws-dev/Cargo.toml: included package"
                + " 'odd' is produced by no package spec of this project nor offered by a fetched external kit;"
                + " packages/odd/odd.spec names it without %{_cross_os}, but variants install bottlerocket-<name>"
                + " (a spec name could not be expanded: packages/odd/odd.spec: '%{_cross_os}%{sdk_macro}-x')");
        assertThat(provided.notProvided(VARIANT, "other")).hasMessageEndingWith("add a package or kit that builds"
                + " 'bottlerocket-other' (a spec name could not be expanded: packages/odd/odd.spec:"
                + " '%{_cross_os}%{sdk_macro}-x')");
    }
}
