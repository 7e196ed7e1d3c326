package oci;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import common.TwoliterException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * An OCI image layout on disk ({@code oci-layout}, {@code index.json}, {@code blobs/sha256/}), read from a
 * directory or from a tar of one such as the kit archives buildsys writes. A tar is unpacked to a temporary
 * directory that {@link #close()} removes.
 */
final class OciLayout implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** An entry of an index: what it points at. */
    record Descriptor(String mediaType, Digest digest, long size) {
    }

    private final Path root;
    private final boolean temporary;

    private OciLayout(Path root, boolean temporary) {
        this.root = root;
        this.temporary = temporary;
    }

    static OciLayout open(Path source) throws TwoliterException {
        if (Files.isDirectory(source)) {
            return check(new OciLayout(source, false), source);
        }
        if (!Files.isRegularFile(source)) {
            throw TwoliterException.badInput("OCI image layout '" + source + "' does not exist; build the kit first");
        }
        try {
            Path dir = Files.createTempDirectory("oci-layout-");
            OciLayout layout = new OciLayout(dir, true);
            try {
                untar(source, dir);
                return check(layout, source);
            } catch (IOException | TwoliterException | RuntimeException e) {
                layout.close();
                throw e;
            }
        } catch (IOException e) {
            throw TwoliterException.badInput("cannot unpack OCI image layout archive '" + source + "': "
                    + e.getMessage());
        }
    }

    private static OciLayout check(OciLayout layout, Path source) throws TwoliterException {
        if (!Files.isRegularFile(layout.root.resolve("index.json"))) {
            throw TwoliterException.badInput("'" + source + "' is not an OCI image layout: it has no index.json");
        }
        return layout;
    }

    private static void untar(Path archive, Path dir) throws IOException {
        try (InputStream file = Files.newInputStream(archive);
             TarArchiveInputStream tar = new TarArchiveInputStream(file)) {
            for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                Path target = dir.resolve(entry.getName()).normalize();
                if (!target.startsWith(dir)) {
                    throw new IOException("entry '" + entry.getName() + "' points outside the archive");
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else if (entry.isFile()) {
                    Files.createDirectories(target.getParent());
                    Files.copy(tar, target);
                }
            }
        }
    }

    Path root() {
        return root;
    }

    byte[] indexBytes() throws TwoliterException {
        try {
            return Files.readAllBytes(root.resolve("index.json"));
        } catch (IOException e) {
            throw TwoliterException.badInput("cannot read '" + root.resolve("index.json") + "': " + e.getMessage());
        }
    }

    Path blob(Digest digest) throws TwoliterException {
        Path path = root.resolve("blobs/sha256").resolve(digest.hex());
        if (!Files.isRegularFile(path)) {
            throw TwoliterException.badInput("OCI image layout '" + root + "' lacks blob '" + digest
                    + "' that its index or a manifest names; the layout is incomplete, rebuild it");
        }
        return path;
    }

    /** The blob's bytes, checked against its digest (manifests and configs are small). */
    byte[] verifiedBlob(Digest digest) throws TwoliterException {
        try {
            byte[] bytes = Files.readAllBytes(blob(digest));
            if (!Digest.of(bytes).equals(digest)) {
                throw TwoliterException.badInput("blob '" + digest + "' in OCI image layout '" + root
                        + "' has digest '" + Digest.of(bytes) + "'; the layout is corrupt, rebuild it");
            }
            return bytes;
        } catch (IOException e) {
            throw TwoliterException.badInput("cannot read blob '" + digest + "' of '" + root + "': " + e.getMessage());
        }
    }

    static JsonNode parse(byte[] json, String what) throws TwoliterException {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw TwoliterException.badInput(what + " is not valid JSON: " + e.getMessage());
        }
    }

    /** The descriptors of {@code node.path(field)}: {@code manifests} of an index, {@code layers} of a manifest. */
    static List<Descriptor> descriptors(JsonNode node, String field, String what) throws TwoliterException {
        List<Descriptor> result = new ArrayList<>();
        for (JsonNode entry : node.path(field)) {
            result.add(descriptor(entry, what));
        }
        return result;
    }

    static Descriptor descriptor(JsonNode entry, String what) throws TwoliterException {
        return new Descriptor(entry.path("mediaType").asText(""),
                Digest.parse(entry.path("digest").asText(null), "'digest' of an entry in " + what),
                entry.path("size").asLong(-1));
    }

    @Override
    public void close() {
        if (!temporary) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            // A leftover temp directory is harmless; the push result does not depend on it.
        }
    }
}
