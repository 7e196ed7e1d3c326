package twoliter.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
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
}
