package oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import common.TwoliterException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The client against a real registry: Debian's docker-registry, started and stopped by this test. */
class OciClientIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path registryDir;
    private static LocalRegistry registry;

    @TempDir
    Path work;
    private final List<String> requests = Collections.synchronizedList(new ArrayList<>());
    private OciClient client;

    @BeforeAll
    static void startRegistry() throws Exception {
        registry = LocalRegistry.start(registryDir);
    }

    @AfterAll
    static void stopRegistry() throws Exception {
        if (registry != null) {
            registry.close();
        }
    }

    @BeforeEach
    void newClient() throws TwoliterException {
        client = client(5L * 1024 * 1024);
    }

    private OciClient client(long chunkSize) throws TwoliterException {
        Transport http = new HttpTransport(Duration.ofSeconds(5), Duration.ofMinutes(2));
        Transport recording = request -> {
            requests.add(request.method() + " " + request.uri().getPath());
            return http.send(request);
        };
        return OciClient.builder().transport(recording).scheme(RegistryScheme.parse(null))
                .credentials(r -> Optional.empty()).retryPolicy(RetryPolicy.none()).chunkSize(chunkSize).build();
    }

    private ImageRef ref(String rest) throws TwoliterException {
        return ImageRef.parse(registry.address + "/" + rest);
    }

    @Test
    void pushLayout_thenPullByTagAndDigest_returnsVerifiedContent() throws Exception {
        Layout layout = writeLayout(work.resolve("layout"), "one");

        Digest pushed = client.pushLayout(layout.dir(), ref("core-kit:v1.0.0"));

        assertThat(pushed).isEqualTo(layout.manifest());
        Manifest byTag = client.manifest(ref("core-kit:v1.0.0"));
        assertThat(byTag.digest()).isEqualTo(layout.manifest());
        assertThat(byTag.mediaType()).isEqualTo(MediaTypes.OCI_MANIFEST);
        assertThat(byTag.isIndex()).isFalse();
        Manifest byDigest = client.manifest(ref("core-kit@" + layout.manifest()));
        assertThat(byDigest.content()).isEqualTo(byTag.content());
        for (Digest layer : layout.layers()) {
            Path target = work.resolve("pulled").resolve(layer.hex());
            client.blob(ref("core-kit:v1.0.0"), layer, target);
            assertThat(BlobUploader.digestOf(target)).isEqualTo(layer);
        }
        Path config = work.resolve("config.json");
        client.blob(ref("core-kit:v1.0.0"), layout.config(), config);
        assertThat(Files.readString(config)).contains("\"os\":\"linux\"");
    }

    @Test
    void pushLayout_tarArchive_isPushedAsKitImageWriterWritesIt() throws Exception {
        Layout layout = writeLayout(work.resolve("layout"), "tarred");
        Path archive = tar(layout.dir(), work.resolve("core-kit-v1.0.0-abc-x86_64.tar"));

        Digest pushed = client.pushLayout(archive, ref("tar-kit:v1.0.0-abc-x86_64"));

        assertThat(pushed).isEqualTo(layout.manifest());
        assertThat(client.manifest(ref("tar-kit:v1.0.0-abc-x86_64")).digest()).isEqualTo(layout.manifest());
    }

    @Test
    void pushLayout_secondTime_headFindsEveryBlobAndUploadsNothing() throws Exception {
        Layout layout = writeLayout(work.resolve("layout"), "twice");
        client.pushLayout(layout.dir(), ref("twice:v1"));
        requests.clear();

        client.pushLayout(layout.dir(), ref("twice:v1"));

        assertThat(requests).filteredOn(r -> r.startsWith("HEAD ")).hasSize(3);
        assertThat(requests).noneMatch(r -> r.contains("/blobs/uploads/"));
    }

    @Test
    void pushBlob_existing_isNotUploadedAgain() throws Exception {
        Path file = Files.writeString(work.resolve("blob"), "the same bytes " + System.nanoTime());
        PushedBlob first = client.pushBlob(ref("dedup:v1"), file);
        requests.clear();

        PushedBlob second = client.pushBlob(ref("dedup:v1"), file);

        assertThat(first.alreadyPresent()).isFalse();
        assertThat(second.alreadyPresent()).isTrue();
        assertThat(second.digest()).isEqualTo(first.digest());
        assertThat(requests).containsExactly("HEAD /v2/dedup/blobs/" + first.digest());
    }

    @Test
    void pushBlob_12MiB_goesInChunksAndComesBackIntact() throws Exception {
        byte[] content = new byte[12 * 1024 * 1024];
        new Random(42).nextBytes(content);
        Path file = Files.write(work.resolve("big"), content);

        PushedBlob pushed = client.pushBlob(ref("big:v1"), file);

        assertThat(pushed.alreadyPresent()).isFalse();
        assertThat(pushed.size()).isEqualTo(content.length);
        assertThat(requests).filteredOn(r -> r.startsWith("PATCH ")).hasSize(3);
        assertThat(requests).filteredOn(r -> r.startsWith("PUT ")).hasSize(1);
        Path back = work.resolve("back");
        client.blob(ref("big:v1"), pushed.digest(), back);
        assertThat(Files.readAllBytes(back)).isEqualTo(content);
    }

    @Test
    void pushBlob_smallBlob_isOnePostAndOnePut() throws Exception {
        Path file = Files.writeString(work.resolve("small"), "small " + System.nanoTime());

        client.pushBlob(ref("small:v1"), file);

        assertThat(requests).map(r -> r.split(" ")[0]).containsExactly("HEAD", "POST", "PUT");
    }

    @Test
    void blob_tamperedInRegistryStorage_isRejectedAndNothingWritten() throws Exception {
        Path file = Files.writeString(work.resolve("blob"), "genuine content " + System.nanoTime());
        PushedBlob pushed = client.pushBlob(ref("tamper:v1"), file);
        Path data = registry.blobData(pushed.digest());
        assertThat(data).exists();
        byte[] evil = Files.readAllBytes(data);
        evil[0] ^= 0x20;
        Files.write(data, evil);
        Path target = work.resolve("out").resolve("blob");

        assertThatThrownBy(() -> client.blob(ref("tamper:v1"), pushed.digest(), target))
                .isInstanceOf(TwoliterException.class)
                .hasMessageContaining("'" + pushed.digest() + "'")
                .hasMessageContaining("registry '" + registry.address + "'")
                .hasMessageContaining("tampered");
        assertThat(target).doesNotExist();
        try (Stream<Path> left = Files.list(target.getParent())) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void manifest_unknownTag_failsNamingRegistryRepositoryAndTag() throws Exception {
        assertThatThrownBy(() -> client.manifest(ref("nothing-here:v9")))
                .isInstanceOf(TwoliterException.class)
                .hasMessageContaining("'nothing-here'").hasMessageContaining("'v9'")
                .hasMessageContaining("registry '" + registry.address + "'").hasMessageContaining("404");
    }

    @Test
    void manifest_byWrongDigest_fails() throws Exception {
        Layout layout = writeLayout(work.resolve("layout"), "wrongdigest");
        client.pushLayout(layout.dir(), ref("wrong:v1"));

        assertThatThrownBy(() -> client.manifest(ref("wrong@" + layout.config())))
                .isInstanceOf(TwoliterException.class).hasMessageContaining("'wrong'");
    }

    @Test
    void pushLayout_twoManifests_pushesTheIndexUnderTheTag() throws Exception {
        Layout amd = writeLayout(work.resolve("multi"), "amd64");
        Layout arm = writeLayout(work.resolve("arm"), "arm64");
        // Merge: arm's blobs into amd's layout, index lists both.
        try (Stream<Path> blobs = Files.list(arm.dir().resolve("blobs/sha256"))) {
            for (Path blob : blobs.toList()) {
                Files.copy(blob, amd.dir().resolve("blobs/sha256").resolve(blob.getFileName()),
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
        ObjectNode index = index(List.of(amd.manifest(), arm.manifest()), amd.dir());
        byte[] indexBytes = JSON.writeValueAsBytes(index);
        Files.write(amd.dir().resolve("index.json"), indexBytes);

        Digest pushed = client.pushLayout(amd.dir(), ref("multi:v1"));

        Manifest pulled = client.manifest(ref("multi:v1"));
        assertThat(pulled.isIndex()).isTrue();
        assertThat(pulled.digest()).isEqualTo(pushed).isEqualTo(Digest.of(indexBytes));
        assertThat(client.manifest(ref("multi@" + arm.manifest())).digest()).isEqualTo(arm.manifest());
    }

    // --- an OCI image layout like KitImageWriter's: two uncompressed layers, a config, a manifest, an index ---

    private record Layout(Path dir, Digest manifest, Digest config, List<Digest> layers) {
    }

    private static Layout writeLayout(Path dir, String salt) throws IOException {
        Path blobs = Files.createDirectories(dir.resolve("blobs/sha256"));
        List<Digest> layers = new ArrayList<>();
        for (String name : List.of("Packages/hello", "repodata")) {
            layers.add(blob(blobs, layerTar(name + "/" + salt + ".txt", "content of " + name + " " + salt + "\n")));
        }
        ObjectNode config = JSON.createObjectNode();
        config.put("architecture", "amd64").put("os", "linux");
        config.putObject("config").putObject("Labels").put("dev.bottlerocket.kit.v2", salt);
        ObjectNode rootfs = config.putObject("rootfs").put("type", "layers");
        layers.forEach(l -> rootfs.withArray("diff_ids").add(l.toString()));
        byte[] configBytes = JSON.writeValueAsBytes(config);
        Digest configDigest = blob(blobs, configBytes);
        ObjectNode manifest = JSON.createObjectNode().put("schemaVersion", 2)
                .put("mediaType", MediaTypes.OCI_MANIFEST);
        manifest.putObject("config").put("mediaType", "application/vnd.oci.image.config.v1+json")
                .put("digest", configDigest.toString()).put("size", configBytes.length);
        ArrayNode array = manifest.putArray("layers");
        for (Digest layer : layers) {
            array.addObject().put("mediaType", "application/vnd.oci.image.layer.v1.tar").put("digest", layer.toString())
                    .put("size", Files.size(blobs.resolve(layer.hex())));
        }
        Digest manifestDigest = blob(blobs, (JSON.writeValueAsString(manifest) + "\n").getBytes(StandardCharsets.UTF_8));
        Files.writeString(dir.resolve("index.json"), JSON.writeValueAsString(index(List.of(manifestDigest), dir)));
        Files.writeString(dir.resolve("oci-layout"), "{\"imageLayoutVersion\": \"1.0.0\"}");
        return new Layout(dir, manifestDigest, configDigest, layers);
    }

    private static ObjectNode index(List<Digest> manifests, Path dir) throws IOException {
        ObjectNode index = JSON.createObjectNode().put("schemaVersion", 2).put("mediaType", MediaTypes.OCI_INDEX);
        ArrayNode entries = index.putArray("manifests");
        for (Digest manifest : manifests) {
            entries.addObject().put("mediaType", MediaTypes.OCI_MANIFEST).put("digest", manifest.toString())
                    .put("size", Files.size(dir.resolve("blobs/sha256").resolve(manifest.hex())))
                    .putObject("platform").put("architecture", "amd64").put("os", "linux");
        }
        return index;
    }

    private static Digest blob(Path blobs, byte[] bytes) throws IOException {
        Digest digest = Digest.of(bytes);
        Files.write(blobs.resolve(digest.hex()), bytes);
        return digest;
    }

    private static byte[] layerTar(String name, String content) throws IOException {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            byte[] data = content.getBytes(StandardCharsets.UTF_8);
            TarArchiveEntry entry = new TarArchiveEntry(name);
            entry.setSize(data.length);
            entry.setModTime(0);
            tar.putArchiveEntry(entry);
            tar.write(data);
            tar.closeArchiveEntry();
        }
        return bytes.toByteArray();
    }

    /** The layout as a tar with {@code ./}-prefixed names, as KitImageWriter writes kit archives. */
    private static Path tar(Path dir, Path archive) throws IOException {
        try (OutputStream out = Files.newOutputStream(archive); TarArchiveOutputStream tar = new TarArchiveOutputStream(out);
             Stream<Path> walk = Files.walk(dir)) {
            for (Path path : walk.filter(p -> !p.equals(dir)).sorted().toList()) {
                boolean directory = Files.isDirectory(path);
                String name = "./" + dir.relativize(path) + (directory ? "/" : "");
                TarArchiveEntry entry = new TarArchiveEntry(name);
                if (!directory) {
                    entry.setSize(Files.size(path));
                }
                tar.putArchiveEntry(entry);
                if (!directory) {
                    Files.copy(path, tar);
                }
                tar.closeArchiveEntry();
            }
        }
        return archive;
    }
}
