package twoliter.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import twoliter.SampleProject;

/**
 * gnu-hello's source tarball from a lookaside cache played by a loopback HTTP server, through the CLI: fetched once
 * per machine, never written into the source tree, and listed as missing by --offline on an empty cache.
 */
class LookasideIT {
    private static final String TARBALL = "hello-2.10.tar.gz";

    @TempDir
    Path dir;

    private HttpServer server;
    private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();
    private byte[] tarball;

    @BeforeEach
    void serve() throws Exception {
        tarball = Files.readAllBytes(SampleProject.REPO.resolve("packages/gnu-hello").resolve(TARBALL));
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            requests.computeIfAbsent(path, k -> new AtomicInteger()).incrementAndGet();
            boolean known = path.startsWith("/" + TARBALL + "/") && path.endsWith("/" + TARBALL);
            exchange.sendResponseHeaders(known ? 200 : 404, known ? tarball.length : -1);
            if (known) {
                exchange.getResponseBody().write(tarball);
            }
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private Path projectWithoutTarball(String name) throws Exception {
        Path project = SampleProject.copyTo(dir.resolve(name));
        Files.delete(project.resolve("packages/gnu-hello").resolve(TARBALL));
        return project;
    }

    private String lookaside() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Test
    void tarballFromTheLookaside_isFetchedOncePerMachine() throws Exception {
        Path cache = dir.resolve("cache");
        Path first = projectWithoutTarball("first");
        Twoliter.Result build = new Twoliter(first, cache, lookaside()).run("build", "package", "gnu-hello",
                "--arch", "x86_64");
        assertThat(build.exitCode()).as(build.output()).isZero();
        assertThat(requests.values().stream().mapToInt(AtomicInteger::get).sum()).isEqualTo(1);
        assertThat(first.resolve("packages/gnu-hello").resolve(TARBALL)).as("the source tree stays clean")
                .doesNotExist();

        // Another project whose gnu-hello differs (so its action runs) finds the tarball in the machine's cache.
        Path second = projectWithoutTarball("second");
        Path spec = second.resolve("packages/gnu-hello/gnu-hello.spec");
        Files.writeString(spec, Files.readString(spec) + "\n# another project\n");
        Twoliter.Result other = new Twoliter(second, cache, lookaside()).run("build", "package", "gnu-hello",
                "--arch", "x86_64");
        assertThat(other.exitCode()).as(other.output()).isZero();
        assertThat(other.executedTargets()).contains("//packages/gnu-hello");
        assertThat(requests.values().stream().mapToInt(AtomicInteger::get).sum()).isEqualTo(1);
    }

    @Test
    void offlineWithAnEmptyCache_listsTheMissingFileAndRequestsNothing() throws Exception {
        Path project = projectWithoutTarball("offline");

        Twoliter.Result build = new Twoliter(project, dir.resolve("empty-cache"), lookaside()).run("build",
                "package", "gnu-hello", "--arch", "x86_64", "--offline");

        assertThat(build.exitCode()).isEqualTo(2);
        assertThat(build.output()).contains(TARBALL).contains("//packages/gnu-hello").doesNotContain("\tat ");
        assertThat(requests).isEmpty();
    }

    @Test
    void lookasideMiss_withoutFallback_saysHowToTurnItOn() throws Exception {
        Path project = projectWithoutTarball("miss");
        String emptyLookaside = lookaside() + "/empty";

        Twoliter.Result build = new Twoliter(project, dir.resolve("cache"), emptyLookaside).run("build", "package",
                "gnu-hello", "--arch", "x86_64");

        assertThat(build.exitCode()).isEqualTo(1);
        assertThat(build.output()).contains("upstream fallback is off").contains("--upstream-source-fallback")
                .doesNotContain("\tat ");
        assertThat(requests.keySet()).allMatch(path -> path.startsWith("/empty/"));
        assertThat(List.copyOf(requests.keySet())).hasSize(1);
    }
}
