package twoliter.kits;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import common.Arch;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import oci.Digest;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * A kit image assembled in memory the way rpm2kit lays it out (index of per-arch manifests, configs with the
 * {@code dev.bottlerocket.kit.v2} label, tar layers), for tests; {@link #writeLayout} saves it as an OCI layout.
 */
public final class TestKitImage {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final byte[] index;
    private final Map<Digest, byte[]> blobs;

    private TestKitImage(byte[] index, Map<Digest, byte[]> blobs) {
        this.index = index;
        this.blobs = blobs;
    }

    /** The label value for {@code metadataJson}: base64 of the JSON plus a newline, as upstream writes it. */
    public static String label(String metadataJson) {
        return Base64.getEncoder().encodeToString((metadataJson + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /** Kit metadata JSON with a registry SDK and the given kit dependencies (JSON array text). */
    public static String metadata(String name, String version, String sdkJson, String kitsJson) {
        return "{\"kit\":" + kitsJson + ",\"name\":\"" + name + "\",\"sdk\":" + sdkJson + ",\"version\":\""
                + version + "\"}";
    }

    /** One image per arch with {@code label} and the same {@code layers} (tars). */
    public static TestKitImage of(String label, List<byte[]> layers) {
        return of(Map.of(Arch.X86_64, label, Arch.AARCH64, label), layers);
    }

    public static TestKitImage of(Map<Arch, String> labels, List<byte[]> layers) {
        Map<Digest, byte[]> blobs = new LinkedHashMap<>();
        ObjectNode index = JSON.createObjectNode();
        index.put("schemaVersion", 2);
        index.put("mediaType", "application/vnd.oci.image.index.v1+json");
        for (Arch arch : Arch.values()) {
            if (!labels.containsKey(arch)) {
                continue;
            }
            ObjectNode config = JSON.createObjectNode();
            config.put("architecture", arch.goArch());
            config.putObject("config").putObject("Labels").put(KitMetadata.LABEL, labels.get(arch));
            config.put("os", "linux");
            byte[] configBytes = bytes(config);
            Digest configDigest = put(blobs, configBytes);
            ObjectNode manifest = JSON.createObjectNode();
            manifest.put("schemaVersion", 2);
            manifest.put("mediaType", "application/vnd.oci.image.manifest.v1+json");
            manifest.putObject("config").put("mediaType", "application/vnd.oci.image.config.v1+json")
                    .put("digest", configDigest.toString()).put("size", configBytes.length);
            for (byte[] layer : layers) {
                Digest digest = put(blobs, layer);
                boolean gzip = layer.length > 1 && layer[0] == 0x1f && (layer[1] & 0xff) == 0x8b;
                manifest.withArray("layers").addObject().put("mediaType", "application/vnd.oci.image.layer.v1.tar"
                        + (gzip ? "+gzip" : "")).put("digest", digest.toString()).put("size", layer.length);
            }
            byte[] manifestBytes = bytes(manifest);
            Digest manifestDigest = put(blobs, manifestBytes);
            ObjectNode entry = index.withArray("manifests").addObject();
            entry.put("mediaType", "application/vnd.oci.image.manifest.v1+json")
                    .put("digest", manifestDigest.toString()).put("size", manifestBytes.length);
            entry.putObject("platform").put("architecture", arch.goArch()).put("os", "linux");
        }
        return new TestKitImage(bytes(index), blobs);
    }

    /** A tar of the given entries; a name ending in '/' is a directory, "name->target" a symlink. */
    public static byte[] tar(Map<String, String> entries) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (Map.Entry<String, String> e : entries.entrySet()) {
                String name = e.getKey();
                TarArchiveEntry entry;
                if (name.contains("->")) {
                    entry = new TarArchiveEntry(name.substring(0, name.indexOf("->")), TarArchiveEntry.LF_SYMLINK);
                    entry.setLinkName(name.substring(name.indexOf("->") + 2));
                    tar.putArchiveEntry(entry);
                } else if (name.endsWith("/")) {
                    tar.putArchiveEntry(new TarArchiveEntry(name));
                } else {
                    byte[] content = e.getValue().getBytes(StandardCharsets.UTF_8);
                    entry = new TarArchiveEntry(name);
                    entry.setSize(content.length);
                    entry.setMode(0100644);
                    tar.putArchiveEntry(entry);
                    tar.write(content);
                }
                tar.closeArchiveEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** A tar of one entry of tar type {@code type} (a device, a fifo, ...) after a regular file 'repodata/a'. */
    public static byte[] tarWithType(String name, byte type) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
            TarArchiveEntry file = new TarArchiveEntry("repodata/a");
            file.setSize(1);
            tar.putArchiveEntry(file);
            tar.write('a');
            tar.closeArchiveEntry();
            TarArchiveEntry entry = new TarArchiveEntry(name, type);
            entry.setMode(0600);
            tar.putArchiveEntry(entry);
            tar.closeArchiveEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    public byte[] index() {
        return index.clone();
    }

    public Map<Digest, byte[]> blobs() {
        return blobs;
    }

    /** The manifest digest of {@code arch}'s image. */
    public Digest manifestDigest(Arch arch) {
        try {
            for (var entry : JSON.readTree(index).path("manifests")) {
                if (entry.path("platform").path("architecture").asText().equals(arch.goArch())) {
                    return new Digest(entry.path("digest").asText().substring(7));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalArgumentException("no " + arch);
    }

    /** Saves the image as an OCI image layout directory (index.json, oci-layout, blobs/sha256/). */
    public Path writeLayout(Path dir) throws IOException {
        Files.createDirectories(dir.resolve("blobs/sha256"));
        Files.write(dir.resolve("index.json"), index);
        Files.writeString(dir.resolve("oci-layout"), "{\"imageLayoutVersion\": \"1.0.0\"}");
        for (Map.Entry<Digest, byte[]> blob : blobs.entrySet()) {
            Files.write(dir.resolve("blobs/sha256").resolve(blob.getKey().hex()), blob.getValue());
        }
        return dir;
    }

    private static Digest put(Map<Digest, byte[]> blobs, byte[] bytes) {
        Digest digest = Digest.of(bytes);
        blobs.put(digest, bytes);
        return digest;
    }

    private static byte[] bytes(ObjectNode node) {
        try {
            return (JSON.writeValueAsString(node) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
