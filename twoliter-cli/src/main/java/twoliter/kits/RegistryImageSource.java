package twoliter.kits;

import common.ErrorCategory;
import common.TwoliterException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import oci.Digest;
import oci.ImageRef;
import oci.OciClient;

/** An image in a registry, read with {@link OciClient} (which verifies every digest it is given). */
final class RegistryImageSource implements ImageSource {
    private final OciClient client;
    private final ImageRef ref;

    RegistryImageSource(OciClient client, ImageRef ref) {
        this.client = client;
        this.ref = ref;
    }

    @Override
    public String location() {
        return ref.toString();
    }

    @Override
    public byte[] topDocument() throws TwoliterException {
        return client.manifest(ref).content();
    }

    @Override
    public byte[] manifest(Digest digest) throws TwoliterException {
        return client.manifest(ref.withDigest(digest)).content();
    }

    @Override
    public byte[] blob(Digest digest) throws TwoliterException {
        Path tmp = null;
        try {
            tmp = Files.createTempFile("twoliter-blob-", ".json");
            client.blob(ref, digest, tmp);
            return Files.readAllBytes(tmp);
        } catch (IOException e) {
            throw new TwoliterException(ErrorCategory.FAILURE, "cannot read blob '" + digest + "' of '" + ref
                    + "' from a temporary file: " + e.getMessage(), e);
        } finally {
            deleteQuietly(tmp);
        }
    }

    @Override
    public Path blobFile(Digest digest, Path cacheDir) throws TwoliterException {
        Path target = cacheDir.resolve("blobs/sha256").resolve(digest.hex());
        if (!Files.isRegularFile(target)) {
            // OciClient writes beside the target and renames only verified content into place.
            client.blob(ref, digest, target);
        }
        return target;
    }

    @Override
    public void close() {
    }

    private static void deleteQuietly(Path path) {
        if (path == null) {
            return;
        }
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            // A leftover temporary file is harmless.
        }
    }
}
