package buildsys.exec;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import buildsys.kits.ExternalImage;
import buildsys.kits.ExternalKitEnv;
import common.Arch;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Writes a kit as an OCI image-layout archive: one uncompressed tar layer per {@code Packages/<pkg>} directory and
 * one for {@code repodata}, a config whose {@code dev.bottlerocket.kit.v2} label holds the kit metadata, and an
 * index. Entries are sorted and dated at the commit time, so the same kit gives the same bytes.
 */
final class KitImageWriter {
    static final String LABEL = "dev.bottlerocket.kit.v2";
    private static final ObjectMapper JSON = new ObjectMapper().configure(SerializationFeature.INDENT_OUTPUT, false);
    private static final ObjectMapper SORTED = new ObjectMapper()
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);
    private static final String LAYER = "application/vnd.oci.image.layer.v1.tar";

    private final String kit;
    private final String version;
    private final String vendor;
    private final Arch arch;
    private final long epochSeconds;

    KitImageWriter(String kit, String version, String vendor, Arch arch, String buildIdTimestamp) {
        this.kit = kit;
        this.version = version;
        this.vendor = vendor;
        this.arch = arch;
        this.epochSeconds = Long.parseLong(buildIdTimestamp);
    }

    /**
     * The kits and SDK the label records: the local kits this one depends on (this kit's vendor and version), every
     * external kit of the fetched metadata, and that metadata's SDK when there is one.
     */
    record Dependencies(List<String> localKits, List<ExternalKitEnv.Entry> externalKits, Optional<ExternalImage> sdk) {
        Dependencies {
            localKits = List.copyOf(localKits);
            externalKits = List.copyOf(externalKits);
            java.util.Objects.requireNonNull(sdk);
        }
    }

    void write(Path archDir, Dependencies dependencies, Path archive) throws IOException {
        Path layout = Files.createTempDirectory(archive.getParent(), ".oci-");
        try {
            Path blobs = Files.createDirectories(layout.resolve("blobs/sha256"));
            List<Blob> layers = new ArrayList<>();
            try (Stream<Path> packages = Files.list(archDir.resolve("Packages"))) {
                for (Path dir : packages.sorted().toList()) {
                    layers.add(layer(archDir, archDir.relativize(dir), blobs));
                }
            }
            layers.add(layer(archDir, Path.of("repodata"), blobs));
            Blob config = json(blobs, config(layers, dependencies));
            Blob manifest = json(blobs, manifest(config, layers));
            Files.writeString(layout.resolve("index.json"), JSON.writeValueAsString(index(manifest)) + "\n");
            Files.writeString(layout.resolve("oci-layout"), "{\"imageLayoutVersion\": \"1.0.0\"}");
            try (OutputStream out = Files.newOutputStream(archive)) {
                writeTar(layout, out);
            }
        } finally {
            StepContext.deleteTree(layout);
        }
    }

    private record Blob(String digest, long size) {
    }

    private ObjectNode config(List<Blob> layers, Dependencies dependencies) throws IOException {
        ObjectNode metadata = JSON.createObjectNode();
        ArrayNode kits = metadata.putArray("kit");
        for (String dep : dependencies.localKits()) {
            kits.addObject().put("name", dep).put("vendor", vendor).put("version", version);
        }
        for (ExternalKitEnv.Entry dep : dependencies.externalKits()) {
            kits.addObject().put("name", dep.name()).put("vendor", dep.vendor()).put("version", dep.version());
        }
        metadata.put("name", kit);
        if (dependencies.sdk().isPresent()) {
            // Upstream copies external-kit-metadata.json's sdk, a full locked image (buildsys.md §6.2 step 3).
            ExternalImage sdk = dependencies.sdk().get();
            metadata.putObject("sdk").put("digest", sdk.digest()).put("name", sdk.name()).put("source", sdk.source())
                    .put("vendor", sdk.vendor()).put("version", sdk.version());
        } else {
            // Without fetched metadata an in-tree SDK has no recorded identity; twoliter fetch writes one.
            metadata.putObject("sdk").put("name", "twoliter-sdk").put("vendor", vendor).put("version", version);
        }
        metadata.put("version", version);
        // As upstream: base64 of the compact, key-sorted JSON plus a newline.
        String label = Base64.getEncoder().encodeToString((SORTED.writeValueAsString(SORTED.convertValue(metadata,
                        Map.class)) + "\n")
                .getBytes(StandardCharsets.UTF_8));
        ObjectNode config = JSON.createObjectNode();
        config.put("architecture", arch.goArch());
        ObjectNode inner = config.putObject("config");
        inner.putArray("Env");
        inner.put("WorkingDir", "/");
        inner.putNull("OnBuild");
        inner.putObject("Labels").put(LABEL, label);
        config.put("created", created());
        config.putArray("history");
        config.put("os", "linux");
        ObjectNode rootfs = config.putObject("rootfs");
        rootfs.put("type", "layers");
        ArrayNode diffIds = rootfs.putArray("diff_ids");
        layers.forEach(l -> diffIds.add(l.digest()));
        return config;
    }

    private ObjectNode manifest(Blob config, List<Blob> layers) {
        ObjectNode manifest = JSON.createObjectNode();
        manifest.put("schemaVersion", 2);
        manifest.put("mediaType", "application/vnd.oci.image.manifest.v1+json");
        manifest.putObject("config").put("mediaType", "application/vnd.oci.image.config.v1+json")
                .put("digest", config.digest()).put("size", config.size());
        ArrayNode array = manifest.putArray("layers");
        for (Blob layer : layers) {
            array.addObject().put("mediaType", LAYER).put("digest", layer.digest()).put("size", layer.size());
        }
        return manifest;
    }

    private ObjectNode index(Blob manifest) {
        ObjectNode index = JSON.createObjectNode();
        index.put("schemaVersion", 2);
        index.put("mediaType", "application/vnd.oci.image.index.v1+json");
        ObjectNode entry = index.putArray("manifests").addObject();
        entry.put("mediaType", "application/vnd.oci.image.manifest.v1+json").put("digest", manifest.digest())
                .put("size", manifest.size());
        entry.putObject("annotations").put("org.opencontainers.image.created", created());
        entry.putObject("platform").put("architecture", arch.goArch()).put("os", "linux");
        return index;
    }

    private String created() {
        return Instant.ofEpochSecond(epochSeconds).toString();
    }

    /** Digests are over the bytes as written, compact JSON plus a trailing newline (as upstream's files). */
    private static Blob json(Path blobs, ObjectNode node) throws IOException {
        byte[] bytes = (JSON.writeValueAsString(node) + "\n").getBytes(StandardCharsets.UTF_8);
        String hex = HexFormat.of().formatHex(sha256().digest(bytes));
        Files.write(blobs.resolve(hex), bytes);
        return new Blob("sha256:" + hex, bytes.length);
    }

    private Blob layer(Path base, Path dir, Path blobs) throws IOException {
        Path tmp = Files.createTempFile(blobs, ".layer-", ".tar");
        MessageDigest digest = sha256();
        try (OutputStream out = new DigestOutputStream(Files.newOutputStream(tmp), digest)) {
            TarArchiveOutputStream tar = new TarArchiveOutputStream(out);
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            List<Path> entries;
            try (Stream<Path> walk = Files.walk(base.resolve(dir))) {
                entries = walk.sorted().toList();
            }
            for (Path path : entries) {
                addEntry(tar, path, base.relativize(path).toString());
            }
            tar.finish();
        }
        String hex = HexFormat.of().formatHex(digest.digest());
        Path blob = blobs.resolve(hex);
        Files.move(tmp, blob, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        return new Blob("sha256:" + hex, Files.size(blob));
    }

    private void writeTar(Path layout, OutputStream out) throws IOException {
        TarArchiveOutputStream tar = new TarArchiveOutputStream(out);
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        List<Path> entries;
        try (Stream<Path> walk = Files.walk(layout)) {
            entries = walk.filter(p -> !p.equals(layout)).sorted().toList();
        }
        for (Path path : entries) {
            addEntry(tar, path, "./" + layout.relativize(path));
        }
        tar.finish();
    }

    private void addEntry(TarArchiveOutputStream tar, Path path, String name) throws IOException {
        boolean directory = Files.isDirectory(path);
        TarArchiveEntry entry = new TarArchiveEntry(directory ? name + "/" : name);
        entry.setModTime(epochSeconds * 1000);
        entry.setIds(0, 0);
        entry.setMode(directory ? 040755 : 0100644);
        if (!directory) {
            entry.setSize(Files.size(path));
        }
        tar.putArchiveEntry(entry);
        if (!directory) {
            Files.copy(path, tar);
        }
        tar.closeArchiveEntry();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
