package twoliter.kits;

import com.fasterxml.jackson.databind.JsonNode;
import common.AtomicFiles;
import common.Arch;
import common.ErrorCategory;
import common.TwoliterException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import oci.Digest;
import twoliter.project.TwoliterLock.LockedImage;

/**
 * Copies a locked kit into an OCI image layout directory for a vendor directory: the tag's top document as served
 * (so its lock digest is the lock's) as {@code index.json}, and each wanted arch's manifest, config and layers under
 * {@code blobs/sha256/}. {@link LocalImageSource} reads the result; blobs are written before {@code index.json}, so
 * a layout with an index is complete.
 */
final class KitLayoutCopier {
    private KitLayoutCopier() {
    }

    static void copy(ImageSource source, LockedImage kit, Set<Arch> arches, Path layout) throws TwoliterException {
        byte[] top = source.topDocument();
        String digest = LockDigest.of(top, source.location());
        if (!digest.equals(kit.digest())) {
            throw TwoliterException.badInput("kit " + kit + " at '" + source.location() + "' has digest '" + digest
                    + "' but Twoliter.lock has '" + kit.digest() + "'; run 'twoliter update' before vendoring");
        }
        Path blobs = layout.resolve("blobs/sha256");
        try {
            Files.createDirectories(blobs);
            for (ImageIndex.Entry entry : ImageIndex.parse(top, source.location()).entries()) {
                if (!arches.contains(entry.arch())) {
                    continue;
                }
                byte[] manifest = source.manifest(entry.digest());
                write(blobs, entry.digest(), manifest);
                JsonNode json = ImageIndex.json(manifest, "manifest " + entry.digest());
                Digest config = Digest.parse(json.path("config").path("digest").asText(null), "config digest");
                write(blobs, config, source.blob(config));
                for (JsonNode layer : json.path("layers")) {
                    Digest layerDigest = Digest.parse(layer.path("digest").asText(null), "layer digest");
                    Path target = blobs.resolve(layerDigest.hex());
                    if (Files.isRegularFile(target)) {
                        continue;
                    }
                    // A registry source downloads verified content straight into the layout; a local one hands
                    // back its own file, copied (and verified) here.
                    Path file = source.blobFile(layerDigest, layout);
                    if (!file.equals(target)) {
                        write(blobs, layerDigest, Files.readAllBytes(file));
                    }
                }
            }
            AtomicFiles.write(layout.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}".getBytes());
            AtomicFiles.write(layout.resolve("index.json"), top);
        } catch (IOException e) {
            throw new TwoliterException(ErrorCategory.FAILURE, "cannot write kit " + kit + " into '" + layout + "': "
                    + e.getMessage(), e);
        }
    }

    /** The lock digest of the layout's {@code index.json}, if the layout exists. */
    static Optional<String> digest(Path layout) throws TwoliterException {
        Path index = layout.resolve("index.json");
        if (!Files.isRegularFile(index)) {
            return Optional.empty();
        }
        try {
            return Optional.of(LockDigest.of(Files.readAllBytes(index), index.toString()));
        } catch (IOException e) {
            throw new TwoliterException(ErrorCategory.FAILURE, "cannot read '" + index + "': " + e.getMessage(), e);
        }
    }

    private static void write(Path blobs, Digest digest, byte[] content) throws TwoliterException, IOException {
        if (!Digest.of(content).equals(digest)) {
            throw TwoliterException.badInput("blob '" + digest + "' has digest '" + Digest.of(content) + "'; the"
                    + " source is corrupt or was tampered with");
        }
        AtomicFiles.write(blobs.resolve(digest.hex()), content);
    }
}
