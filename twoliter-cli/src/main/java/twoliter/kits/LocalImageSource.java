package twoliter.kits;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import common.Arch;
import common.TwoliterException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import oci.Digest;

/**
 * An image on disk that Twoliter.override's {@code path} points at (issue 7 item 7, tl#331): an OCI image layout
 * directory, a tar of one (a kit archive), a kit build directory ({@code build/kits/<kit>/}, whose newest archive per
 * architecture is taken) or a project directory (its {@code build/kits/<kit>/}) that does not define the kit. A
 * project that defines it in {@code kits/<kit>/} is built from source instead ({@link ComposedKits}).
 */
final class LocalImageSource implements ImageSource {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path given;
    private final byte[] top;
    private final List<Path> layouts;
    private final List<Path> temporary;

    private LocalImageSource(Path given, byte[] top, List<Path> layouts, List<Path> temporary) {
        this.given = given;
        this.top = top;
        this.layouts = List.copyOf(layouts);
        this.temporary = List.copyOf(temporary);
    }

    static LocalImageSource open(Path path, String kitName, UnpackLimits limits) throws TwoliterException {
        List<Path> temporary = new ArrayList<>();
        try {
            if (Files.isRegularFile(path)) {
                Path dir = unpack(path, limits, temporary);
                return new LocalImageSource(path, read(dir.resolve("index.json")), List.of(dir), temporary);
            }
            if (Files.isRegularFile(path.resolve("index.json"))) {
                return new LocalImageSource(path, read(path.resolve("index.json")), List.of(path), temporary);
            }
            return fromKitDir(path, kitName, limits, temporary);
        } catch (TwoliterException | RuntimeException e) {
            temporary.forEach(LocalImageSource::deleteTree);
            throw e;
        }
    }

    /** One archive per architecture, the newest when several builds are there; the index is made from them. */
    private static LocalImageSource fromKitDir(Path given, String kitName, UnpackLimits limits,
            List<Path> temporary) throws TwoliterException {
        Path kitDir = Files.isRegularFile(given.resolve("Twoliter.toml"))
                ? given.resolve("build/kits").resolve(kitName) : given;
        ObjectNode index = JSON.createObjectNode();
        index.put("schemaVersion", 2);
        index.put("mediaType", "application/vnd.oci.image.index.v1+json");
        ArrayNode manifests = index.putArray("manifests");
        List<Path> layouts = new ArrayList<>();
        for (Arch arch : Arch.values()) {
            Optional<Path> archive = newest(kitDir, kitName + "-v", "-" + arch.id() + ".tar");
            if (archive.isEmpty()) {
                continue;
            }
            Path dir = unpack(archive.get(), limits, temporary);
            layouts.add(dir);
            JsonNode own = ImageIndex.json(read(dir.resolve("index.json")), archive.get().toString());
            for (JsonNode manifest : own.path("manifests")) {
                manifests.add(manifest);
            }
        }
        if (layouts.isEmpty()) {
            throw TwoliterException.badInput("Twoliter.override path '" + given + "' for kit '" + kitName + "' is"
                    + " not an OCI image layout (no index.json), a kit archive, or a directory holding '" + kitName
                    + "-v<version>-<build>-<arch>.tar'; build the kit there first, or fix the path");
        }
        try {
            return new LocalImageSource(given, JSON.writeValueAsBytes(index), layouts, temporary);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Optional<Path> newest(Path dir, String prefix, String suffix) throws TwoliterException {
        if (!Files.isDirectory(dir)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> matching = files.filter(f -> {
                String n = f.getFileName().toString();
                return n.startsWith(prefix) && n.endsWith(suffix) && Files.isRegularFile(f);
            }).toList();
            Optional<Path> best = Optional.empty();
            FileTime bestTime = null;
            for (Path file : matching.stream().sorted(Comparator.reverseOrder()).toList()) {
                FileTime time = Files.getLastModifiedTime(file);
                if (bestTime == null || time.compareTo(bestTime) > 0) {
                    best = Optional.of(file);
                    bestTime = time;
                }
            }
            return best;
        } catch (IOException e) {
            throw TwoliterException.badInput("cannot list '" + dir + "': " + e.getMessage());
        }
    }

    private static Path unpack(Path archive, UnpackLimits limits, List<Path> temporary) throws TwoliterException {
        try {
            Path dir = Files.createTempDirectory("twoliter-kit-layout-");
            temporary.add(dir);
            try (InputStream in = Files.newInputStream(archive)) {
                SafeUntar.extract(in, dir, limits.budget());
            }
            if (!Files.isRegularFile(dir.resolve("index.json"))) {
                throw TwoliterException.badInput("'" + archive + "' is not an OCI image layout archive: it has no"
                        + " index.json");
            }
            return dir;
        } catch (UnpackLimits.LimitExceededException e) {
            throw TwoliterException.badInput("kit archive '" + archive + "' " + e.getMessage());
        } catch (IOException e) {
            throw TwoliterException.badInput("cannot unpack '" + archive + "': " + e.getMessage());
        }
    }

    @Override
    public String location() {
        return given.toString();
    }

    @Override
    public byte[] topDocument() {
        return top.clone();
    }

    @Override
    public byte[] manifest(Digest digest) throws TwoliterException {
        return blob(digest);
    }

    @Override
    public byte[] blob(Digest digest) throws TwoliterException {
        byte[] bytes = read(find(digest));
        if (!Digest.of(bytes).equals(digest)) {
            throw TwoliterException.badInput("blob '" + digest + "' under '" + given + "' has digest '"
                    + Digest.of(bytes) + "'; the layout is corrupt, rebuild the kit");
        }
        return bytes;
    }

    @Override
    public Path blobFile(Digest digest, Path cacheDir) throws TwoliterException {
        return find(digest);
    }

    private Path find(Digest digest) throws TwoliterException {
        for (Path layout : layouts) {
            Path file = layout.resolve("blobs/sha256").resolve(digest.hex());
            if (Files.isRegularFile(file)) {
                return file;
            }
        }
        throw TwoliterException.badInput("the OCI image layout at '" + given + "' lacks blob '" + digest
                + "' that its index or a manifest names; rebuild the kit");
    }

    private static byte[] read(Path file) throws TwoliterException {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw TwoliterException.badInput("cannot read '" + file + "': " + e.getMessage());
        }
    }

    @Override
    public void close() {
        temporary.forEach(LocalImageSource::deleteTree);
    }

    static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            // A leftover temporary directory is harmless.
        }
    }
}
