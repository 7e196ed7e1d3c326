package oci;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * Debian's {@code docker-registry} (distribution 2.x) on a loopback port with its storage in a temp dir. Shared with
 * the CLI's integration tests through oci's test-jar.
 */
public final class LocalRegistry implements AutoCloseable {
    static final Path BINARY = Path.of("/usr/bin/docker-registry");

    private final Process process;
    private final Path storage;
    private final Path log;
    public final String address;

    private LocalRegistry(Process process, Path storage, Path log, String address) {
        this.process = process;
        this.storage = storage;
        this.log = log;
        this.address = address;
    }

    /** Starts on a free port. */
    public static LocalRegistry start(Path dir) throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        return start(dir, port);
    }

    /** Starts on {@code port}, keeping any storage already in {@code dir} (a restart). */
    public static LocalRegistry start(Path dir, int port) throws Exception {
        if (!Files.isExecutable(BINARY)) {
            fail(BINARY + " is missing: the registry integration tests need a real registry; install Debian's"
                    + " package with `apt-get install -y docker-registry`");
        }
        Path storage = Files.createDirectories(dir.resolve("storage"));
        Path config = Files.writeString(dir.resolve("config.yml"), String.join("\n",
                "version: 0.1",
                "log:",
                "  level: warn",
                "storage:",
                "  filesystem:",
                "    rootdirectory: " + storage,
                "  delete:",
                "    enabled: true",
                "http:",
                "  addr: 127.0.0.1:" + port,
                ""));
        Path log = dir.resolve("registry.log");
        Process process = new ProcessBuilder(BINARY.toString(), "serve", config.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        LocalRegistry registry = new LocalRegistry(process, storage, log, "127.0.0.1:" + port);
        registry.awaitReady(Duration.ofSeconds(30));
        return registry;
    }

    private void awaitReady(Duration timeout) throws Exception {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest ping = HttpRequest.newBuilder(URI.create("http://" + address + "/v2/"))
                .timeout(Duration.ofSeconds(2)).build();
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                fail("docker-registry exited with " + process.exitValue() + ":\n" + Files.readString(log));
            }
            try {
                if (client.send(ping, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // Not listening yet.
            }
            Thread.sleep(100);
        }
        close();
        fail("docker-registry did not answer /v2/ on " + address + " within " + timeout + ":\n" + Files.readString(log));
    }

    /** Where the filesystem driver keeps a blob's bytes (distribution's storage layout). */
    public Path blobData(Digest digest) {
        return storage.resolve("docker/registry/v2/blobs/sha256").resolve(digest.hex().substring(0, 2))
                .resolve(digest.hex()).resolve("data");
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
