package twoliter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import twoliter.SampleProject;

/**
 * A variant project whose Twoliter.override points its external kit at the kit's project (issue 12 item 3): the
 * kit is built from that project's sources inside the variant project's build, its targets labelled {@code @my-kit}.
 * Both projects have a package named release.
 */
class ComposedKitCliTest {
    private static final Map<String, String> ENV = Map.of("BUILDSYS_VERSION_BUILD", "abc1234");
    private static final String WORKSPACE = "[workspace]\nmembers = [\"packages/*\", \"kits/*\", \"variants/*\"]\n";

    @TempDir
    Path dir;
    private Path kitProject;
    private Path variantProject;

    @BeforeEach
    void writeProjects() {
        kitProject = dir.resolve("kit-project");
        write(kitProject, "Twoliter.toml", "schema-version = 1\nrelease-version = \"2.0.0\"\n\n[vendor.local]\n"
                + "registry = \"127.0.0.1:5000\"\n");
        write(kitProject, "Cargo.toml", WORKSPACE);
        write(kitProject, "sdk/Dockerfile", "FROM debian:bookworm\n# the kit project's own recipe\n");
        pkg(kitProject, "release", "");
        pkg(kitProject, "hello", "BuildRequires: %{_cross_os}release\n");
        write(kitProject, "packages/hello/Cargo.toml", cargo("hello", "build-package")
                + "[build-dependencies]\nrelease = { path = \"../release\" }\n");
        write(kitProject, "packages/hello/hello.c", "int main(void) { return 0; }\n");
        write(kitProject, "kits/my-kit/Cargo.toml", cargo("my-kit", "build-kit") + "vendor = \"local\"\n\n"
                + "[build-dependencies]\nhello = { path = \"../../packages/hello\" }\n"
                + "release = { path = \"../../packages/release\" }\n");

        variantProject = dir.resolve("variant-project");
        write(variantProject, "Twoliter.toml", "schema-version = 1\nrelease-version = \"1.0.0\"\n\n[vendor.local]\n"
                + "registry = \"127.0.0.1:5000\"\n\n[[kit]]\nname = \"my-kit\"\nversion = \"2.0.0\"\n"
                + "vendor = \"local\"\n");
        write(variantProject, "Twoliter.override", "[local.my-kit]\npath = \"../kit-project\"\n");
        write(variantProject, "Cargo.toml", WORKSPACE);
        write(variantProject, "sdk/Dockerfile", "FROM debian:bookworm\n");
        pkg(variantProject, "release", "");
        pkg(variantProject, "consumer", "BuildRequires: %{_cross_os}hello\n");
        write(variantProject, "variants/aws-dev/Cargo.toml", cargo("aws-dev", "build-variant")
                + "included-packages = [\"release\", \"consumer\", \"hello\"]\n\n"
                + "[build-dependencies]\nconsumer = { path = \"../../packages/consumer\" }\n"
                + "release = { path = \"../../packages/release\" }\n");
    }

    private static String cargo(String name, String table) {
        return "[package]\nname = \"" + name + "\"\nversion = \"0.1.0\"\n\n[package.metadata." + table + "]\n";
    }

    private static void pkg(Path project, String name, String specExtra) {
        write(project, "packages/" + name + "/Cargo.toml", cargo(name, "build-package"));
        write(project, "packages/" + name + "/" + name + ".spec", "Name: %{_cross_os}" + name + "\nVersion: 1.0\n"
                + specExtra);
    }

    private static void write(Path project, String file, String content) {
        SampleProject.write(project.resolve(file), content);
    }

    private CliRun twoliter(String... args) {
        return CliRun.run(variantProject, ENV, args);
    }

    /** Target (and step) to key, from the events of a dry run. */
    private Map<String, String> plannedKeys() throws IOException {
        CliRun run = twoliter("build", "variant", "aws-dev", "--arch", "x86_64", "--dry-run", "--events", "ev.json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        Map<String, String> keys = new TreeMap<>();
        for (String line : Files.readAllLines(variantProject.resolve("ev.json"))) {
            if (line.contains("\"event\":\"action\"")) {
                String step = line.contains("\"step\"") ? " " + line.replaceAll(".*\"step\":\"([^\"]+)\".*", "$1")
                        : "";
                keys.put(line.replaceAll(".*\"kind\":\"([^\"]+)\".*", "$1") + " "
                        + line.replaceAll(".*\"target\":\"([^\"]+)\".*", "$1") + step,
                        line.replaceAll(".*\"key\":\"([0-9a-f]+)\".*", "$1"));
            }
        }
        return keys;
    }

    @Test
    void dryRun_plansTheOtherProjectsPackagesAndKitUnderItsRepositoryName() throws IOException {
        CliRun run = twoliter("build", "variant", "aws-dev", "--arch", "x86_64", "--dry-run");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(plannedKeys().keySet()).containsExactly("kit @my-kit//kits/my-kit", "package //packages/consumer",
                "package //packages/release", "package @my-kit//packages/hello", "package @my-kit//packages/release",
                "sdk //sdk", "variant //variants/aws-dev image", "variant //variants/aws-dev rootfs");
        assertThat(run.err()).contains("kit my-kit-2.0.0@local is built from source in " + kitProject
                + " as @my-kit//kits/my-kit").contains("warning: kit my-kit-2.0.0@local is built from source in '"
                + kitProject + "' with this project's SDK recipe in sdk/, not its own SDK recipe in "
                + kitProject.resolve("sdk"));
        assertThat(twoliter("query", "@my-kit//...").out().lines()).containsExactly("@my-kit//kits/my-kit",
                "@my-kit//packages/hello", "@my-kit//packages/release");
        assertThat(twoliter("query", "//...").out().lines()).noneMatch(l -> l.startsWith("@"));
    }

    @Test
    void keys_stableAcrossRuns_andAFileOfTheOverriddenPackageChangesItAndWhatUsesTheKit() throws IOException {
        Map<String, String> first = plannedKeys();
        assertThat(plannedKeys()).isEqualTo(first);

        write(kitProject, "packages/hello/hello.c", "int main(void) { return 1; }\n");
        Map<String, String> after = plannedKeys();

        assertThat(first.keySet().stream().filter(t -> !first.get(t).equals(after.get(t))))
                .containsExactlyInAnyOrder("package @my-kit//packages/hello", "kit @my-kit//kits/my-kit",
                        "package //packages/consumer", "variant //variants/aws-dev rootfs",
                        "variant //variants/aws-dev image");
    }

    @Test
    void updateThenFetch_lockTheKitAsBuiltFromSource_andFetchSkipsIt() throws IOException {
        CliRun update = twoliter("update");
        CliRun fetch = twoliter("fetch", "--arch", "x86_64");

        assertThat(update.exitCode()).as(update.err()).isZero();
        assertThat(Files.readString(variantProject.resolve("Twoliter.lock"))).contains("[[kit]]\n# Built from the"
                + " sources of the project Twoliter.override points at; there is no image digest.\n")
                .contains("name = \"my-kit\"\nversion = \"2.0.0\"\nvendor = \"local\"\n"
                        + "source = \"127.0.0.1:5000/my-kit:v2.0.0\"\ndigest = \"built-from-source\"\n");
        assertThat(fetch.exitCode()).as(fetch.err()).isZero();
        assertThat(fetch.err()).contains("my-kit-2.0.0@local is built from source in " + kitProject);
        assertThat(variantProject.resolve("build/external-kits/local/my-kit")).doesNotExist();
        assertThat(twoliter("build", "variant", "aws-dev", "--arch", "x86_64", "--dry-run").exitCode()).isZero();

        Files.delete(variantProject.resolve("Twoliter.override"));
        CliRun withoutOverride = twoliter("fetch", "--arch", "x86_64");
        assertThat(withoutOverride.exitCode()).isEqualTo(2);
        assertThat(withoutOverride.err()).contains("Twoliter.lock locks kit my-kit-2.0.0@local (127.0.0.1:5000/my-kit:"
                + "v2.0.0) as built from source, but Twoliter.override no longer points it at a project that defines"
                + " it; run 'twoliter update'");
    }

    @Test
    void kitProjectOfAnotherVersion_saysWhichVersionItWouldBuild() {
        write(kitProject, "Twoliter.toml", "schema-version = 1\nrelease-version = \"2.1.0\"\n\n[vendor.local]\n"
                + "registry = \"127.0.0.1:5000\"\n");

        CliRun run = twoliter("build", "variant", "aws-dev", "--arch", "x86_64", "--dry-run");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("Twoliter.override points kit my-kit-2.0.0@local at the project '" + kitProject
                + "', whose release-version is '2.1.0'");
    }

    @Test
    void pathToABuiltKitDirectory_isStillReadAsAnImage() {
        write(variantProject, "Twoliter.override", "[local.my-kit]\npath = \"../kit-project/build/kits/my-kit\"\n");

        CliRun run = twoliter("update");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("build the kit there first");
        assertThat(List.of(twoliter("query", "//...").out().split("\n"))).noneMatch(l -> l.startsWith("@"));
    }
}
