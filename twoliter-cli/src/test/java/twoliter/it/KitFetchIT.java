package twoliter.it;

import static org.assertj.core.api.Assertions.assertThat;

import common.Arch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import oci.Digest;
import oci.ImageRef;
import oci.LocalRegistry;
import oci.OciClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import twoliter.kits.TestKitImage;

/**
 * {@code twoliter update} and {@code fetch} from the packaged jar against Debian's docker-registry on 127.0.0.1:
 * the lock digest, a second fetch that needs no registry, a tampered blob, and a layer escaping with {@code ../}.
 */
class KitFetchIT {
    private static final String IN_TREE_SDK = "{\"name\":\"twoliter-sdk\",\"source\":\"sdk/\",\"vendor\":\"in-tree\","
            + "\"version\":\"0.0.0\"}";
    private static final byte[] PACKAGES = TestKitImage.tar(ordered("Packages/", "", "Packages/hello/", "",
            "Packages/hello/bottlerocket-hello-1.0-1.x86_64.rpm", "not really an rpm"));
    private static final byte[] REPODATA = TestKitImage.tar(ordered("repodata/", "", "repodata/repomd.xml",
            "<repomd/>"));

    @TempDir
    Path dir;

    @Test
    void updateFetchTwiceTamperAndEscape() throws Exception {
        LocalRegistry registry = LocalRegistry.start(dir.resolve("registry"));
        String address = registry.address;
        int port = Integer.parseInt(address.substring(address.indexOf(':') + 1));
        try {
            // given: core-kit and a kit whose layer climbs out with ../evil, pushed as two-arch indexes
            TestKitImage core = TestKitImage.of(TestKitImage.label(TestKitImage.metadata("core-kit", "1.0.0",
                    IN_TREE_SDK, "[]")), List.of(PACKAGES, REPODATA));
            TestKitImage evil = TestKitImage.of(TestKitImage.label(TestKitImage.metadata("evil-kit", "1.0.0",
                    IN_TREE_SDK, "[]")), List.of(REPODATA, TestKitImage.tar(ordered("../evil", "gotcha"))));
            OciClient client = OciClient.create();
            client.pushLayout(core.writeLayout(dir.resolve("core-layout")), ImageRef.parse(address
                    + "/core-kit:v1.0.0"));
            client.pushLayout(evil.writeLayout(dir.resolve("evil-layout")), ImageRef.parse(address
                    + "/evil-kit:v1.0.0"));
            Path consumer = project("consumer", address, "core-kit");
            Twoliter twoliter = new Twoliter(consumer, dir.resolve("cache"));

            // when: update
            Twoliter.Result update = twoliter.run("update");

            // then: the lock digest is base64(sha256(sorted compact JSON of the index)), computed here by Jackson
            assertThat(update.exitCode()).as(update.output()).isZero();
            assertThat(Files.readString(consumer.resolve("Twoliter.lock")))
                    .contains("source = \"" + address + "/core-kit:v1.0.0\"\ndigest = \"" + IndependentLockDigest.of(
                            core.index()) + "\"\n", "[sdk]\nname = \"twoliter-sdk\"");

            // when: fetch x86_64
            Twoliter.Result fetch = twoliter.run("fetch", "--arch", "x86_64");

            Path kitDir = consumer.resolve("build/external-kits/local/core-kit/x86_64");
            assertThat(fetch.exitCode()).as(fetch.output()).isZero();
            assertThat(kitDir.resolve("Packages/hello/bottlerocket-hello-1.0-1.x86_64.rpm"))
                    .hasContent("not really an rpm");
            assertThat(kitDir.resolve("digest")).hasContent(core.manifestDigest(Arch.X86_64).toString());
            Path metadata = consumer.resolve("build/external-kits/external-kit-metadata.json");
            assertThat(Files.readString(metadata)).startsWith("{\"kit\":[{\"digest\":\"" + IndependentLockDigest.of(
                    core.index()) + "\",\"name\":\"core-kit\",\"source\":\"" + address + "/core-kit:v1.0.0\"");
            long metadataTime = Files.getLastModifiedTime(metadata).toMillis();

            // when: the locked kits are vendored (not the SDK image) while the registry is up
            Path vendorDir = Files.createDirectories(dir.resolve("vendor"));
            Files.writeString(vendorDir.resolve("VENDOR.toml"), "ignore = [\"sdk\"]\n");
            Twoliter.Result vendored = twoliter.run("vendor", "--vendor-dir", vendorDir.toString(), "--arch",
                    "x86_64");
            assertThat(vendored.exitCode()).as(vendored.output()).isZero();
            assertThat(vendorDir.resolve("kits/local/core-kit/index.json")).isRegularFile();

            // when: fetch again with the registry stopped: nothing can be downloaded
            registry.close();
            Twoliter.Result again = twoliter.run("fetch", "--arch", "x86_64");

            assertThat(again.exitCode()).as(again.output()).isZero();
            assertThat(again.output()).contains("core-kit-1.0.0@local for x86_64 is up to date");
            assertThat(Files.getLastModifiedTime(metadata).toMillis()).isEqualTo(metadataTime);

            // when: the unpacked kits are gone and the registry is still down: offline, only the vendor dir helps
            deleteTree(consumer.resolve("build/external-kits"));
            Twoliter.Result withoutVendor = twoliter.run("fetch", "--arch", "x86_64", "--offline");
            Twoliter.Result fromVendor = twoliter.run("fetch", "--arch", "x86_64", "--offline", "--vendor-dir",
                    vendorDir.toString());

            assertThat(withoutVendor.exitCode()).as(withoutVendor.output()).isEqualTo(2);
            assertThat(withoutVendor.output()).contains("core-kit");
            assertThat(fromVendor.exitCode()).as(fromVendor.output()).isZero();
            assertThat(kitDir.resolve("digest")).hasContent(core.manifestDigest(Arch.X86_64).toString());
            assertThat(Files.readString(metadata)).contains(IndependentLockDigest.of(core.index()));
            registry = LocalRegistry.start(dir.resolve("registry"), port);

            // when: a layer escaping with ../evil
            Path victim = project("victim", address, "evil-kit");
            Twoliter other = new Twoliter(victim, dir.resolve("cache"));
            assertThat(other.run("update").exitCode()).isZero();
            Twoliter.Result escaped = other.run("fetch", "--arch", "x86_64");

            assertThat(escaped.exitCode()).as(escaped.output()).isEqualTo(2);
            assertThat(escaped.output()).contains("'../evil'", "nothing was installed");
            try (Stream<Path> all = Files.walk(dir)) {
                assertThat(all.filter(p -> p.getFileName().toString().equals("evil")).toList()).isEmpty();
            }
            assertThat(victim.resolve("build/external-kits/local/evil-kit/x86_64")).doesNotExist();

            // when: a blob in the registry's storage is changed, and nothing is cached locally
            Path data = registry.blobData(Digest.of(PACKAGES));
            byte[] bytes = Files.readAllBytes(data);
            bytes[bytes.length / 2] ^= 1;
            Files.write(data, bytes);
            deleteTree(consumer.resolve("build/external-kits"));
            Twoliter.Result tampered = twoliter.run("fetch", "--arch", "x86_64");

            assertThat(tampered.exitCode()).as(tampered.output()).isNotZero();
            assertThat(tampered.output()).contains(Digest.of(PACKAGES).toString(), "tampered with");
            assertThat(kitDir).doesNotExist();
        } finally {
            registry.close();
        }
    }

    private Path project(String name, String registry, String kit) throws Exception {
        Path project = Files.createDirectories(dir.resolve(name));
        Files.writeString(project.resolve("Twoliter.toml"), "schema-version = 1\nrelease-version = \"1.0.0\"\n\n"
                + "[vendor.local]\nregistry = \"" + registry + "\"\n\n[[kit]]\nname = \"" + kit + "\"\n"
                + "version = \"1.0.0\"\nvendor = \"local\"\n");
        Files.createDirectories(project.resolve("sdk"));
        Files.writeString(project.resolve("sdk/Dockerfile"), "FROM debian:bookworm\n");
        Files.writeString(project.resolve("Cargo.toml"), "[workspace]\nmembers = []\n");
        return project;
    }

    private static Map<String, String> ordered(String... pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return map;
    }

    private static void deleteTree(Path root) throws Exception {
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path path : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
