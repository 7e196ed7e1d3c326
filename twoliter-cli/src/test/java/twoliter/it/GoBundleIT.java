package twoliter.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import twoliter.SampleProject;

/**
 * Issue 12 item 1: the sample's hello-go archive declares {@code bundle-modules = ["go"]}. Its go-bundle action runs
 * {@code go mod vendor} in the SDK with the network (the Go module proxy) once; after that the package builds
 * offline, from the cache or from a vendor directory, and an offline build with neither says what is missing.
 * Caches start empty here (not from the seed, which holds this bundle too), so every bundle below is really made or
 * really taken from where the test says.
 */
class GoBundleIT {
    private static final String BUNDLE = "bundled-hello-go-1.0.0.tar.gz";

    @TempDir
    Path dir;

    /** A Twoliter with a cache that starts empty. */
    private Twoliter unseeded(Path project, String cache) throws IOException {
        Files.createDirectories(dir.resolve(cache));
        return new Twoliter(project, dir.resolve(cache));
    }

    @Test
    void bundleIsMadeOnce_thenTheBuildRunsOfflineFromTheCacheOrTheVendorDirectory() throws Exception {
        Path project = SampleProject.copyTo(dir.resolve("project"));
        Path vendor = dir.resolve("vendor");
        Files.createDirectories(vendor);
        // The SDK image is what this machine's engine already has; saving it would only slow the test down.
        Files.writeString(vendor.resolve("VENDOR.toml"), "ignore = [\"sdk\"]\n");

        Twoliter online = unseeded(project, "online-cache");
        Twoliter.Result vendored = online.run("vendor", "--vendor-dir", vendor.toString(), "//packages/hello-go");
        assertThat(vendored.exitCode()).as(vendored.output()).isZero();
        Path bundle;
        try (Stream<Path> files = Files.walk(vendor.resolve("go-bundles"))) {
            bundle = files.filter(f -> f.getFileName().toString().equals(BUNDLE)).findFirst().orElseThrow();
        }
        // What go mod vendor writes, under the module's directory in the archive, as the spec unpacks it.
        assertThat(tarNames(bundle)).contains("hello-go-1.0.0/vendor/modules.txt",
                "hello-go-1.0.0/vendor/github.com/google/uuid/uuid.go");
        assertThat(Files.readString(vendor.resolve("vendor-manifest.json"))).contains(BUNDLE);
        Twoliter.Result again = online.run("vendor", "--vendor-dir", vendor.toString(), "//packages/hello-go");
        assertThat(again.exitCode()).as(again.output()).isZero();
        assertThat(again.output()).contains("(0 copied)");

        // The cache that made the bundle builds the package offline.
        Twoliter.Result fromCache = online.run("build", "package", "hello-go", "--arch", "x86_64", "--offline");
        assertThat(fromCache.exitCode()).as(fromCache.output()).isZero();
        assertThat(fromCache.executedTargets()).containsExactly("//packages/hello-go");

        // An empty cache builds it offline from the vendor directory (aarch64: cross-compiled by the SDK's Go).
        Twoliter.Result fromVendor = unseeded(project, "vendor-only-cache").run("build", "package", "hello-go",
                "--arch", "aarch64", "--offline", "--vendor-dir", vendor.toString());
        assertThat(fromVendor.exitCode()).as(fromVendor.output()).isZero();
        assertThat(fromVendor.output()).contains("go-bundle //packages/hello-go");
        try (Stream<Path> rpms = Files.list(project.resolve("build/rpms/hello-go"))) {
            assertThat(rpms.map(p -> p.getFileName().toString()))
                    .anyMatch(n -> n.startsWith("bottlerocket-hello-go-1.0.0-") && n.endsWith(".aarch64.rpm"));
        }

        // Neither: one message naming the bundle and the way out, exit code 2, nothing run.
        Twoliter.Result neither = unseeded(project, "empty-cache").run("build", "package", "hello-go", "--arch",
                "x86_64", "--offline");
        assertThat(neither.exitCode()).as(neither.output()).isEqualTo(2);
        assertThat(neither.output()).contains("//packages/hello-go (" + BUNDLE + ")").contains("needs the network")
                .contains("--vendor-dir").doesNotContain("\tat ");
    }

    @Test
    void twoCachesMakeTheSameBundleBytes() throws Exception {
        Path project = SampleProject.copyTo(dir.resolve("project"));
        List<byte[]> bundles = new ArrayList<>();
        for (String cache : List.of("first", "second")) {
            Path vendor = dir.resolve("vendor-" + cache);
            Files.createDirectories(vendor);
            Files.writeString(vendor.resolve("VENDOR.toml"), "ignore = [\"sdk\"]\n");
            Twoliter.Result result = unseeded(project, cache).run("vendor", "--vendor-dir", vendor.toString(),
                    "//packages/hello-go");
            assertThat(result.exitCode()).as(result.output()).isZero();
            try (Stream<Path> files = Files.walk(vendor.resolve("go-bundles"))) {
                bundles.add(Files.readAllBytes(files.filter(f -> f.getFileName().toString().equals(BUNDLE))
                        .findFirst().orElseThrow()));
            }
        }
        assertThat(bundles.get(1)).isEqualTo(bundles.get(0));
    }

    /** The entry names of a gzip'd tar (ustar/GNU headers: the name is the first 100 bytes of each header). */
    private static List<String> tarNames(Path file) throws IOException {
        byte[] tar;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            in.transferTo(out);
            tar = out.toByteArray();
        }
        List<String> names = new ArrayList<>();
        int offset = 0;
        while (offset + 512 <= tar.length && tar[offset] != 0) {
            String name = new String(tar, offset, 100, java.nio.charset.StandardCharsets.UTF_8).replace("\0", "");
            String sizeField = new String(tar, offset + 124, 12, java.nio.charset.StandardCharsets.US_ASCII)
                    .replace("\0", "").trim();
            long size = sizeField.isEmpty() ? 0 : Long.parseLong(sizeField, 8);
            names.add(name);
            offset += 512 + (int) ((size + 511) / 512 * 512);
        }
        return names;
    }
}
