package oci;

import com.fasterxml.jackson.databind.JsonNode;
import common.AtomicFiles;
import common.Causes;
import common.TwoliterException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A client of the OCI Distribution API: pulls manifests and blobs with digest verification, pushes blobs (whole or
 * in chunks), manifests and whole OCI image layouts such as kit archives. Not a Docker engine client.
 */
public final class OciClient {
    /** Manifests are small; a larger answer is refused rather than read into memory (as containerd does). */
    static final int MAX_MANIFEST_BYTES = 4 * 1024 * 1024;
    public static final long DEFAULT_CHUNK_SIZE = 8L * 1024 * 1024;

    private final RegistryClient registry;
    private final BlobUploader uploader;

    private OciClient(RegistryClient registry, long chunkSize) {
        this.registry = registry;
        this.uploader = new BlobUploader(registry, chunkSize);
    }

    /** A client with credentials from the Docker config, {@link RegistryScheme#ENV}, and default retries. */
    public static OciClient create() throws TwoliterException {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Fetches the manifest or index {@code ref} names; by digest it must match, by tag its digest is computed. */
    public Manifest manifest(ImageRef ref) throws TwoliterException {
        String what = "fetching the manifest";
        Map<String, String> accept = Map.of("Accept", String.join(", ", MediaTypes.ACCEPTED));
        try (Transport.Response response = registry.send(ref, what, "GET",
                registry.uri(ref, "manifests/" + ref.reference()), accept, Transport.Body.none())) {
            registry.expect(ref, what, response, 200);
            byte[] bytes = response.body().readNBytes(MAX_MANIFEST_BYTES + 1);
            if (bytes.length > MAX_MANIFEST_BYTES) {
                throw registry.failure(ref, what, "the manifest is larger than " + MAX_MANIFEST_BYTES + " bytes", null);
            }
            Digest digest = Digest.of(bytes);
            checkDigest(ref, what, digest, ref.digest(), "requested");
            checkDigest(ref, what, digest, headerDigest(response), "sent in Docker-Content-Digest");
            return new Manifest(bytes, mediaType(ref, response, bytes), digest);
        } catch (IOException e) {
            throw registry.failure(ref, what, "reading the answer: " + Causes.describe(e), e);
        }
    }

    /**
     * Downloads blob {@code digest} of {@code repository}'s repository (its tag or digest is not used) to
     * {@code target}: streamed to a temporary file beside it, checked, then renamed, so {@code target} only ever
     * holds verified content.
     */
    public void blob(ImageRef repository, Digest digest, Path target) throws TwoliterException {
        String what = "downloading blob '" + digest + "'";
        try (Transport.Response response = registry.send(repository, what, "GET",
                registry.uri(repository, "blobs/" + digest), Map.of(), Transport.Body.none())) {
            registry.expect(repository, what, response, 200);
            Path dir = target.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".part");
            try {
                MessageDigest sha = Digest.sha256();
                try (InputStream in = new DigestInputStream(response.body(), sha);
                     OutputStream out = Files.newOutputStream(tmp)) {
                    in.transferTo(out);
                }
                Digest actual = new Digest(HexFormat.of().formatHex(sha.digest()));
                if (!actual.equals(digest)) {
                    throw registry.failure(repository, what, "the content has digest '" + actual
                            + "'; the registry's copy is corrupt or was tampered with, nothing was written to '"
                            + target + "'", null);
                }
                AtomicFiles.move(tmp, target);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw registry.failure(repository, what, "writing '" + target + "': " + Causes.describe(e), e);
        }
    }

    /** Pushes {@code file} as a blob of {@code repository}'s repository, unless the registry already has it. */
    public PushedBlob pushBlob(ImageRef repository, Path file) throws TwoliterException {
        return uploader.push(repository, file, Optional.empty());
    }

    /** Pushes a manifest or index under {@code ref}'s tag (or digest); its blobs must already be there. */
    public Digest pushManifest(ImageRef ref, byte[] content, String mediaType) throws TwoliterException {
        String what = "pushing the manifest";
        Digest digest = Digest.of(content);
        checkDigest(ref, what, digest, ref.digest(), "requested");
        try (Transport.Response response = registry.send(ref, what, "PUT",
                registry.uri(ref, "manifests/" + ref.tag().orElse(digest.toString())),
                Map.of("Content-Type", mediaType), new Transport.Body.Bytes(content.clone()))) {
            registry.expect(ref, what, response, 201);
            checkDigest(ref, what, digest, headerDigest(response), "the registry computed");
            return digest;
        } catch (IOException e) {
            throw registry.failure(ref, what, Causes.describe(e), e);
        }
    }

    /**
     * Pushes an OCI image layout (a directory, or a tar of one as buildsys writes for kits) to {@code ref}: every
     * blob, then the manifests by digest, then under {@code ref} the single manifest of {@code index.json}, or
     * {@code index.json} itself when it lists several. Returns the digest now at {@code ref}.
     */
    public Digest pushLayout(Path layoutDirOrTar, ImageRef ref) throws TwoliterException {
        try (OciLayout layout = OciLayout.open(layoutDirOrTar)) {
            byte[] indexBytes = layout.indexBytes();
            String where = "'index.json' of '" + layoutDirOrTar + "'";
            List<OciLayout.Descriptor> manifests =
                    OciLayout.descriptors(OciLayout.parse(indexBytes, where), "manifests", where);
            if (manifests.isEmpty()) {
                throw TwoliterException.badInput(where + " lists no manifests; nothing to push");
            }
            ImageRef repository = ref;
            if (manifests.size() == 1) {
                Pushed top = pushTree(layout, repository, manifests.get(0), false);
                return pushManifest(ref, top.content(), top.mediaType());
            }
            for (OciLayout.Descriptor manifest : manifests) {
                pushTree(layout, repository, manifest, true);
            }
            return pushManifest(ref, indexBytes, MediaTypes.OCI_INDEX);
        }
    }

    private record Pushed(byte[] content, String mediaType) {
    }

    private Pushed pushTree(OciLayout layout, ImageRef repository, OciLayout.Descriptor descriptor, boolean pushSelf)
            throws TwoliterException {
        byte[] content = layout.verifiedBlob(descriptor.digest());
        String what = "manifest '" + descriptor.digest() + "' of '" + layout.root() + "'";
        JsonNode json = OciLayout.parse(content, what);
        String mediaType = descriptor.mediaType().isEmpty() ? json.path("mediaType").asText("") : descriptor.mediaType();
        if (MediaTypes.isIndex(mediaType)) {
            for (OciLayout.Descriptor child : OciLayout.descriptors(json, "manifests", what)) {
                pushTree(layout, repository, child, true);
            }
        } else if (MediaTypes.isManifest(mediaType)) {
            OciLayout.Descriptor config = OciLayout.descriptor(json.path("config"), what);
            uploader.push(repository, layout.blob(config.digest()), Optional.of(config.digest()));
            for (OciLayout.Descriptor layer : OciLayout.descriptors(json, "layers", what)) {
                uploader.push(repository, layout.blob(layer.digest()), Optional.of(layer.digest()));
            }
        } else {
            throw TwoliterException.badInput(what + " has media type '" + mediaType + "'; expected one of "
                    + MediaTypes.ACCEPTED);
        }
        if (pushSelf) {
            pushManifest(new ImageRef(repository.registry(), repository.repository(), Optional.empty(),
                    Optional.of(descriptor.digest())), content, mediaType);
        }
        return new Pushed(content, mediaType);
    }

    private void checkDigest(ImageRef ref, String what, Digest actual, Optional<Digest> claimed, String source)
            throws TwoliterException {
        if (claimed.isPresent() && !claimed.get().equals(actual)) {
            throw registry.failure(ref, what, "the content has digest '" + actual + "' but '" + claimed.get()
                    + "' was " + source + "; the registry's copy is corrupt or was changed in transit", null);
        }
    }

    private static Optional<Digest> headerDigest(Transport.Response response) {
        // Only sha256 is checked; a registry using another algorithm is trusted on the computed sha256.
        return response.header("Docker-Content-Digest").filter(v -> v.startsWith("sha256:") && v.length() == 71)
                .map(v -> new Digest(v.substring(7).toLowerCase(Locale.ROOT)));
    }

    private String mediaType(ImageRef ref, Transport.Response response, byte[] bytes) throws TwoliterException {
        String header = response.header("Content-Type").map(v -> v.split(";")[0].trim()).orElse("");
        if (MediaTypes.ACCEPTED.contains(header)) {
            return header;
        }
        String field = OciLayout.parse(bytes, "the manifest of '" + ref + "'").path("mediaType").asText("");
        if (MediaTypes.ACCEPTED.contains(field)) {
            return field;
        }
        throw registry.failure(ref, "fetching the manifest", "its media type '" + header
                + "' is none of " + MediaTypes.ACCEPTED, null);
    }

    /** Configures a client; every setting has a default fit for production. */
    public static final class Builder {
        private Transport transport;
        private RetryPolicy retryPolicy = RetryPolicy.defaults();
        private RegistryScheme scheme;
        private Path dockerConfig;
        private Authenticator.CredentialSource credentials;
        private long chunkSize = DEFAULT_CHUNK_SIZE;
        private RetryingTransport.Sleeper sleeper = d -> Thread.sleep(d.toMillis());

        private Builder() {
        }

        /** The HTTP port; {@code java.net.http} by default. Retries wrap whatever is given here. */
        public Builder transport(Transport value) {
            this.transport = Objects.requireNonNull(value);
            return this;
        }

        public Builder retryPolicy(RetryPolicy value) {
            this.retryPolicy = Objects.requireNonNull(value);
            return this;
        }

        /** Which registries speak plain HTTP; {@link RegistryScheme#fromEnvironment()} by default. */
        public Builder scheme(RegistryScheme value) {
            this.scheme = Objects.requireNonNull(value);
            return this;
        }

        /** The Docker {@code config.json} to read credentials from instead of {@code ~/.docker/config.json}. */
        public Builder dockerConfig(Path value) {
            this.dockerConfig = Objects.requireNonNull(value);
            return this;
        }

        /** Blobs larger than this are pushed in PATCH chunks of this size. */
        public Builder chunkSize(long value) {
            if (value < 1) {
                throw new IllegalArgumentException("chunk size must be positive, got " + value);
            }
            this.chunkSize = value;
            return this;
        }

        Builder credentials(Authenticator.CredentialSource value) {
            this.credentials = value;
            return this;
        }

        Builder sleeper(RetryingTransport.Sleeper value) {
            this.sleeper = value;
            return this;
        }

        public OciClient build() throws TwoliterException {
            Transport base = transport != null ? transport
                    : new HttpTransport(Duration.ofSeconds(10), Duration.ofMinutes(10));
            Authenticator.CredentialSource source = credentials;
            if (source == null) {
                DockerCredentials docker = dockerConfig != null
                        ? DockerCredentials.load(dockerConfig, new ProcessHelperRunner())
                        : DockerCredentials.fromEnvironment();
                source = docker::lookup;
            }
            Authenticator authenticator = new Authenticator(new RetryingTransport(base, retryPolicy, sleeper), source);
            RegistryScheme chosen = scheme != null ? scheme : RegistryScheme.fromEnvironment();
            return new OciClient(new RegistryClient(authenticator, chosen), chunkSize);
        }
    }
}
