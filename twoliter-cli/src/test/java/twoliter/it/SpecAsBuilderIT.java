package twoliter.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import twoliter.SampleProject;

/**
 * Spec code runs only as the unprivileged builder, on a real Docker engine: a spec with a BuildRequires (whose
 * installation used to parse the spec as root) records the uid of every reading of it, and a spec that tries to plant
 * RPMs, from spec code and from its %install, gets none of them into its outputs.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SpecAsBuilderIT {
    private static final String MANIFEST = """
            [package]
            name = "%s"
            version = "0.1.0"
            edition = "2021"
            publish = false
            build = "../build.rs"

            [lib]
            path = "../packages.rs"

            [package.metadata.build-package]

            [build-dependencies]
            libhello = { path = "../libhello" }
            """;
    // Every reading of the spec appends the uid that read it, to a file the package then installs. A reading as root
    // creates the file as root, so later readings by builder cannot append to it.
    private static final String UID_PROBE_SPEC = """
            %global parse_uid %(id -u | tee -a /tmp/uid-probe-parses 2>/dev/null)
            Name: %{_cross_os}uid-probe
            Version: 1.0.0
            Release: 1%{?dist}
            Summary: Records the users that read its spec
            License: Apache-2.0 OR MIT
            BuildRequires: %{_cross_os}libhello-devel

            %description
            %{summary}.

            %prep

            %build

            %install
            install -d %{buildroot}%{_cross_datadir}/uid-probe
            echo %{parse_uid} > %{buildroot}%{_cross_datadir}/uid-probe/uid
            cat /tmp/uid-probe-parses > %{buildroot}%{_cross_datadir}/uid-probe/parses

            %files
            %{_cross_datadir}/uid-probe/uid
            %{_cross_datadir}/uid-probe/parses

            %changelog
            """;
    // From spec code at parse time, into the output directory (which only root may write), and from %install, as
    // builder, into a subdirectory of rpmbuild's RPMS.
    private static final String PLANTER_SPEC = """
            %global planted %({ mkdir -p /twoliter/output/sub && echo planted > /twoliter/output/sub/evil.rpm; } \
            2>/dev/null; echo tried)
            Name: %{_cross_os}planter
            Version: 1.0.0
            Release: 1%{?dist}
            Summary: Tries to plant RPMs beside its own (%{planted})
            License: Apache-2.0 OR MIT
            BuildRequires: %{_cross_os}libhello-devel

            %description
            %{summary}.

            %prep

            %build

            %install
            install -d %{buildroot}%{_cross_datadir}/planter
            echo planter > %{buildroot}%{_cross_datadir}/planter/readme
            mkdir -p %{_rpmdir}/sub
            echo planted > %{_rpmdir}/sub/evil.rpm

            %files
            %{_cross_datadir}/planter/readme

            %changelog
            """;

    private Path project;
    private Twoliter.Result build;

    @BeforeAll
    void buildBothPackages(@TempDir Path dir) throws Exception {
        project = SampleProject.copyTo(dir.resolve("project"));
        for (String name : List.of("uid-probe", "planter")) {
            SampleProject.write(project.resolve("packages/" + name + "/Cargo.toml"), MANIFEST.formatted(name));
        }
        SampleProject.write(project.resolve("packages/uid-probe/uid-probe.spec"), UID_PROBE_SPEC);
        SampleProject.write(project.resolve("packages/planter/planter.spec"), PLANTER_SPEC);
        build = new Twoliter(project, dir.resolve("cache")).run("build", "package", "uid-probe", "planter", "--arch",
                "x86_64");
    }

    @Test
    void specWithBuildRequires_isNeverReadAsRoot() throws Exception {
        assertThat(build.exitCode()).as(build.output()).isZero();
        Path rpm = onlyRpm("uid-probe");

        List<String> parses = fileInRpm(rpm, "parses").lines().toList();
        assertThat(parses).as("the uid of every reading of the spec").isNotEmpty().doesNotContain("0");
        assertThat(fileInRpm(rpm, "uid").strip()).isNotEqualTo("0");
    }

    @Test
    void rpmsPlantedUnderRpmsOrInTheOutput_areNotTaken() throws Exception {
        assertThat(build.exitCode()).as(build.output()).isZero();

        onlyRpm("planter");
        assertThat(Files.readString(project.resolve("build/logs/x86_64/package/planter.log")))
                .contains("ignoring RPMS/sub/evil.rpm");
    }

    /** The one file under build/rpms/<pkg>/, at any depth, besides twoliter's records, which must be its RPM. */
    private Path onlyRpm(String pkg) throws Exception {
        try (Stream<Path> files = Files.walk(project.resolve("build/rpms").resolve(pkg))) {
            // The output directory's own records (.twoliter-outputs-<arch>, .stamps) are not package outputs.
            List<Path> all = files.filter(Files::isRegularFile)
                    .filter(p -> !p.getFileName().toString().startsWith(".twoliter-outputs-")).toList();
            assertThat(all).as("build/rpms/" + pkg).singleElement().satisfies(p -> {
                assertThat(p.getParent()).isEqualTo(project.resolve("build/rpms").resolve(pkg));
                assertThat(p.getFileName().toString()).startsWith("bottlerocket-" + pkg + "-").endsWith(".x86_64.rpm");
            });
            return all.get(0);
        }
    }

    /** The content of the file named {@code name} in an RPM, read in the SDK image without network. */
    private static String fileInRpm(Path rpm, String name) throws Exception {
        return Docker.run("run", "--rm", "--network", "none", "-v", rpm.getParent() + ":/r:ro", Docker.sdkImage(),
                "bash", "-c", "cd /tmp && rpm2cpio /r/" + rpm.getFileName() + " | cpio -idm --quiet && cat \"$(find ."
                        + " -type f -name " + name + " | head -n 1)\"");
    }
}
