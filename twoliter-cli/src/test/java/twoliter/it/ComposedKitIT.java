package twoliter.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import twoliter.SampleProject;

/**
 * Issue 12 item 3 on the real engine: a project whose Twoliter.override points its external kit at the kit's own
 * project builds that kit from its sources (the kit project's package, then its kit) and its own package's
 * {@code dnf builddep} installs from that kit's repository; an edit in the kit project reruns exactly that chain.
 */
class ComposedKitIT {
    private static final String WORKSPACE = "[workspace]\nmembers = [\"packages/*\", \"kits/*\", \"variants/*\"]\n";

    @TempDir
    Path dir;

    @Test
    void kitFromAnotherProjectsSources_isBuiltAndUsedByThisProjectsPackage() throws Exception {
        Path kitProject = dir.resolve("kit-project");
        write(kitProject, "Twoliter.toml", "schema-version = 1\nrelease-version = \"2.0.0\"\n\n[vendor.local]\n"
                + "registry = \"127.0.0.1:5000\"\n");
        write(kitProject, "Cargo.toml", WORKSPACE);
        copySdk(kitProject);
        pkg(kitProject, "greet", "");
        write(kitProject, "kits/my-kit/Cargo.toml", cargo("my-kit", "build-kit") + "vendor = \"local\"\n\n"
                + "[build-dependencies]\ngreet = { path = \"../../packages/greet\" }\n");

        Path project = dir.resolve("project");
        write(project, "Twoliter.toml", "schema-version = 1\nrelease-version = \"1.0.0\"\n\n[vendor.local]\n"
                + "registry = \"127.0.0.1:5000\"\n\n[[kit]]\nname = \"my-kit\"\nversion = \"2.0.0\"\n"
                + "vendor = \"local\"\n");
        write(project, "Twoliter.override", "[local.my-kit]\npath = \"../kit-project\"\n");
        write(project, "Cargo.toml", WORKSPACE);
        copySdk(project);
        pkg(project, "consumer", "BuildRequires: %{_cross_os}greet\n");

        Twoliter twoliter = new Twoliter(project, dir.resolve("cache"));
        Twoliter.Result update = twoliter.run("update");
        assertThat(update.exitCode()).as(update.output()).isZero();
        assertThat(update.output()).contains("built-from-source");

        Twoliter.Result build = twoliter.run("build", "package", "consumer", "--arch", "x86_64");
        assertThat(build.exitCode()).as(build.output()).isZero();
        assertThat(build.executedTargets()).containsExactlyInAnyOrder("@my-kit//packages/greet",
                "@my-kit//kits/my-kit", "//packages/consumer");
        assertThat(Files.readString(project.resolve("build/logs/x86_64/package/consumer.log")))
                .containsPattern("bottlerocket-greet +x86_64 .* ext-local-my-kit");
        try (Stream<Path> rpms = Files.list(project.resolve("build/composed/my-kit/rpms/greet"))) {
            assertThat(rpms.map(p -> p.getFileName().toString())).anyMatch(n -> n.endsWith(".x86_64.rpm"));
        }

        Twoliter.Result again = twoliter.run("build", "package", "consumer", "--arch", "x86_64");
        assertThat(again.summary()).as(again.output()).containsEntry("executed", 0L);

        Files.writeString(kitProject.resolve("packages/greet/greet.spec"), "# edited\n",
                java.nio.file.StandardOpenOption.APPEND);
        Twoliter.Result edited = twoliter.run("build", "package", "consumer", "--arch", "x86_64");
        assertThat(edited.exitCode()).as(edited.output()).isZero();
        assertThat(edited.executedTargets()).containsExactlyInAnyOrder("@my-kit//packages/greet",
                "@my-kit//kits/my-kit", "//packages/consumer");
    }

    private static String cargo(String name, String table) {
        return "[package]\nname = \"" + name + "\"\nversion = \"0.1.0\"\n\n[package.metadata." + table + "]\n";
    }

    /** A package whose spec installs one data file, with extra preamble lines. */
    private static void pkg(Path project, String name, String preamble) {
        write(project, "packages/" + name + "/Cargo.toml", cargo(name, "build-package"));
        write(project, "packages/" + name + "/" + name + ".spec", "Name: %{_cross_os}" + name + "\nVersion: 1.0\n"
                + "Release: 1%{?dist}\nSummary: " + name + "\nLicense: MIT\n" + preamble + "%description\n" + name
                + "\n%prep\n%build\n%install\nmkdir -p %{buildroot}%{_cross_datadir}\n"
                + "echo " + name + " > %{buildroot}%{_cross_datadir}/" + name + ".txt\n"
                + "%files\n%{_cross_datadir}/" + name + ".txt\n");
    }

    /** The sample's SDK recipe, so the SDK image this machine already has is used. */
    private static void copySdk(Path project) throws IOException {
        Path sdk = SampleProject.REPO.resolve("sdk");
        try (Stream<Path> files = Files.walk(sdk)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Path target = project.resolve("sdk").resolve(sdk.relativize(file).toString());
                Files.createDirectories(target.getParent());
                Files.copy(file, target, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
    }

    private static void write(Path project, String file, String content) {
        SampleProject.write(project.resolve(file), content);
    }
}
