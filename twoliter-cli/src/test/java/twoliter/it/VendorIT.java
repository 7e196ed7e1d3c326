package twoliter.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import twoliter.SampleProject;

/**
 * Issue 7 item 6: gnu-hello's tarball exists only on a loopback lookaside; {@code twoliter vendor} copies it into a
 * vendor directory, then with the lookaside gone and a fresh cache, {@code build package --offline --vendor-dir}
 * succeeds and the same build without the vendor directory lists the missing file.
 */
class VendorIT {
    private static final String TARBALL = "hello-2.10.tar.gz";

    @TempDir
    Path dir;

    @Test
    void vendoredFiles_buildOfflineInAFreshCache() throws Exception {
        Path project = SampleProject.copyTo(dir.resolve("project"));
        byte[] tarball = Files.readAllBytes(project.resolve("packages/gnu-hello").resolve(TARBALL));
        Files.delete(project.resolve("packages/gnu-hello").resolve(TARBALL));
        Path vendor = dir.resolve("vendor");
        Files.createDirectories(vendor);
        // The SDK image is what this machine's engine already has; saving 2 GB would only slow the test down.
        Files.writeString(vendor.resolve("VENDOR.toml"), "ignore = [\"sdk\"]\n");

        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            boolean known = path.startsWith("/" + TARBALL + "/") && path.endsWith("/" + TARBALL);
            exchange.sendResponseHeaders(known ? 200 : 404, known ? tarball.length : -1);
            if (known) {
                exchange.getResponseBody().write(tarball);
            }
            exchange.close();
        });
        server.start();
        String lookaside = "http://127.0.0.1:" + server.getAddress().getPort();
        try {
            Twoliter.Result vendored = new Twoliter(project, dir.resolve("vendor-cache"), lookaside).run("vendor",
                    "--vendor-dir", vendor.toString(), "//packages/gnu-hello");
            assertThat(vendored.exitCode()).as(vendored.output()).isZero();
            assertThat(vendor.resolve("files").resolve(TARBALL)).hasBinaryContent(tarball);
            assertThat(Files.readString(vendor.resolve("vendor-manifest.json"))).contains(TARBALL)
                    .doesNotContain("\"sdk\"");

            Twoliter.Result again = new Twoliter(project, dir.resolve("vendor-cache"), lookaside).run("vendor",
                    "--vendor-dir", vendor.toString(), "//packages/gnu-hello");
            assertThat(again.exitCode()).as(again.output()).isZero();
            assertThat(again.output()).contains("(0 copied)");
        } finally {
            server.stop(0);
        }

        Twoliter.Result offline = new Twoliter(project, dir.resolve("fresh-cache"), lookaside).run("build",
                "package", "gnu-hello", "--arch", "x86_64", "--offline", "--vendor-dir", vendor.toString());
        assertThat(offline.exitCode()).as(offline.output()).isZero();
        assertThat(project.resolve("packages/gnu-hello").resolve(TARBALL)).doesNotExist();

        Twoliter.Result without = new Twoliter(project, dir.resolve("another-fresh-cache"), lookaside).run("build",
                "package", "gnu-hello", "--arch", "x86_64", "--offline");
        assertThat(without.exitCode()).as(without.output()).isEqualTo(2);
        assertThat(without.output()).contains(TARBALL).contains("//packages/gnu-hello").doesNotContain("\tat ");
    }

    @Test
    void vendoredSdkImage_isLoadedWhenTheEngineLacksIt() throws Exception {
        // A small SDK recipe of its own (a unique label, so its image is new to this engine) keeps the archive at
        // debian:bookworm's size instead of the real SDK's 2 GB.
        Path project = SampleProject.copyTo(dir.resolve("sdk-project"));
        Files.writeString(project.resolve("sdk/Dockerfile"), "FROM debian:bookworm\nLABEL dev.twoliter.test=\""
                + UUID.randomUUID() + "\"\n");
        Path vendor = dir.resolve("sdk-vendor");

        Twoliter.Result vendored = new Twoliter(project, dir.resolve("sdk-cache")).run("vendor", "--vendor-dir",
                vendor.toString(), "--arch", "x86_64", "//packages/libhello");

        assertThat(vendored.exitCode()).as(vendored.output()).isZero();
        List<Path> archives;
        try (Stream<Path> files = Files.list(vendor.resolve("sdk"))) {
            archives = files.filter(f -> f.getFileName().toString().endsWith(".tar")).toList();
        }
        assertThat(archives).hasSize(1);
        String name = archives.get(0).getFileName().toString();
        String image = name.substring(0, name.length() - ".tar".length()).replace('_', ':');
        String id = Docker.run("image", "inspect", "-f", "{{.Id}}", image).strip();
        Docker.run("rmi", image);
        try {
            // when: the engine lacks the SDK image; the build may only load it from the vendor dir
            Twoliter.Result build = new Twoliter(project, dir.resolve("sdk-cache-2")).run("build", "package",
                    "libhello", "--arch", "x86_64", "--offline", "--vendor-dir", vendor.toString());

            // then: the very image that was saved is back (a rebuild would have another id). This recipe has no
            // rpmbuild, so the package itself fails afterwards, as a package failure, not an SDK one.
            assertThat(Docker.run("image", "inspect", "-f", "{{.Id}}", image).strip()).isEqualTo(id);
            assertThat(build.exitCode()).as(build.output()).isEqualTo(1);
            assertThat(build.output()).contains("//packages/libhello");
        } finally {
            Docker.exitCode("rmi", "-f", image);
        }
    }
}
