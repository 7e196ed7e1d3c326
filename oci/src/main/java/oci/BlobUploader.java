package oci;

import common.Causes;
import common.TwoliterException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

/**
 * Pushes one blob: nothing when a HEAD finds it, a single PUT after the POST when it is at most {@code chunkSize}
 * bytes, otherwise PATCH chunks of {@code chunkSize} then a closing PUT (Distribution spec, "pushing a blob in
 * chunks").
 */
final class BlobUploader {
    private static final Map<String, String> OCTETS = Map.of("Content-Type", "application/octet-stream");

    private final RegistryClient registry;
    private final long chunkSize;

    BlobUploader(RegistryClient registry, long chunkSize) {
        this.registry = registry;
        this.chunkSize = chunkSize;
    }

    PushedBlob push(ImageRef repo, Path file, Optional<Digest> expected) throws TwoliterException {
        Digest digest;
        long size;
        try {
            digest = digestOf(file);
            size = Files.size(file);
        } catch (IOException e) {
            throw registry.failure(repo, "pushing blob '" + file + "'", "cannot read it: " + Causes.describe(e), e);
        }
        if (expected.isPresent() && !expected.get().equals(digest)) {
            throw registry.failure(repo, "pushing blob '" + file + "'", "its content has digest '" + digest
                    + "', not the '" + expected.get() + "' it is named by; the image layout is corrupt, rebuild it",
                    null);
        }
        String what = "pushing blob '" + digest + "'";
        if (exists(repo, digest, what)) {
            return new PushedBlob(digest, size, true);
        }
        URI location;
        try (Transport.Response started = registry.send(repo, what, "POST", registry.uri(repo, "blobs/uploads/"),
                Map.of(), Transport.Body.none())) {
            registry.expect(repo, what, started, 202);
            location = registry.location(repo, started, what);
        } catch (IOException e) {
            throw registry.failure(repo, what, Causes.describe(e), e);
        }
        Transport.Body last = Transport.Body.none();
        if (size <= chunkSize) {
            last = new Transport.Body.FileRange(file, 0, size);
        } else {
            for (long offset = 0; offset < size; offset += chunkSize) {
                location = patch(repo, what, location, new Transport.Body.FileRange(file, offset,
                        Math.min(chunkSize, size - offset)));
            }
        }
        URI close = withQuery(location, "digest=" + digest.toString().replace(":", "%3A"));
        try (Transport.Response done = registry.send(repo, what, "PUT", close, OCTETS, last)) {
            registry.expect(repo, what, done, 201);
        } catch (IOException e) {
            throw registry.failure(repo, what, Causes.describe(e), e);
        }
        return new PushedBlob(digest, size, false);
    }

    boolean exists(ImageRef repo, Digest digest, String what) throws TwoliterException {
        try (Transport.Response head = registry.send(repo, what, "HEAD", registry.uri(repo, "blobs/" + digest),
                Map.of(), Transport.Body.none())) {
            if (head.status() == 404) {
                return false;
            }
            registry.expect(repo, what, head, 200);
            return true;
        } catch (IOException e) {
            throw registry.failure(repo, what, Causes.describe(e), e);
        }
    }

    private URI patch(ImageRef repo, String what, URI location, Transport.Body.FileRange chunk)
            throws TwoliterException {
        Map<String, String> headers = Map.of("Content-Type", "application/octet-stream",
                "Content-Range", chunk.offset() + "-" + (chunk.offset() + chunk.length() - 1));
        try (Transport.Response response = registry.send(repo, what, "PATCH", location, headers, chunk)) {
            registry.expect(repo, what + " (chunk at offset " + chunk.offset() + ")", response, 202);
            return registry.location(repo, response, what);
        } catch (IOException e) {
            throw registry.failure(repo, what, Causes.describe(e), e);
        }
    }

    private static URI withQuery(URI uri, String param) {
        String text = uri.toString();
        return URI.create(text + (uri.getRawQuery() == null ? "?" : "&") + param);
    }

    static Digest digestOf(Path file) throws IOException {
        MessageDigest sha = Digest.sha256();
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), sha)) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        }
        return new Digest(HexFormat.of().formatHex(sha.digest()));
    }
}
