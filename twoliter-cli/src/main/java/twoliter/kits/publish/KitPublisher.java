package twoliter.kits.publish;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import common.Arch;
import common.TwoliterException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import oci.Digest;
import oci.ImageRef;
import oci.Manifest;
import oci.OciClient;

/**
 * Publishes a built kit to a registry (twoliter-cli.md §2.9, pubsys.md §13): each arch's image-layout archive as
 * {@code <registry>/<repo>:v<version>-<build id>-<arch>}, then an OCI image index of those images as
 * {@code <registry>/<repo>:v<version>}, which is what {@code twoliter update} resolves.
 */
public final class KitPublisher {
    /** Upstream's order: aarch64 first. */
    private static final List<Arch> ARCHES = List.of(Arch.AARCH64, Arch.X86_64);
    private static final String INDEX = "application/vnd.oci.image.index.v1+json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final OciClient client;

    public KitPublisher(OciClient client) {
        this.client = Objects.requireNonNull(client);
    }

    /**
     * What to publish.
     *
     * @param kitDir the kit's output directory, {@code build/kits/<kit>}
     * @param registry host[:port] and optional path prefix, e.g. {@code public.ecr.aws/bottlerocket}
     * @param repo the repository under the registry, the kit's name unless told otherwise
     */
    public record Request(Path kitDir, String kit, String version, String buildId, String registry, String repo) {
        public Request {
            Objects.requireNonNull(kitDir);
            Objects.requireNonNull(kit);
            Objects.requireNonNull(version);
            Objects.requireNonNull(buildId);
            Objects.requireNonNull(registry);
            Objects.requireNonNull(repo);
        }

        /** {@code <kit>-v<version>-<build id>-<arch>.tar}, as the kit build names it. */
        Path archive(Arch arch) {
            return kitDir.resolve(kit + "-v" + version + "-" + buildId + "-" + arch.id() + ".tar");
        }

        String imageUri(String tag) {
            return registry + "/" + repo + ":" + tag;
        }
    }

    /** One pushed arch image. */
    public record PushedImage(Arch arch, String uri, Digest digest) {
    }

    /** The pushed arch images and the index that lists them. */
    public record Published(List<PushedImage> images, String indexUri, Digest indexDigest) {
        public Published {
            images = List.copyOf(images);
        }
    }

    public Published publish(Request request) throws TwoliterException {
        List<Arch> built = ARCHES.stream().filter(arch -> Files.isRegularFile(request.archive(arch))).toList();
        if (built.isEmpty()) {
            throw TwoliterException.badInput("No kit archive(s) exist at path '" + request.kitDir() + "': expected "
                    + request.archive(Arch.X86_64).getFileName() + " and/or " + request.archive(Arch.AARCH64)
                    .getFileName() + "; build the kit first with 'twoliter build kit " + request.kit()
                    + " --arch <x86_64|aarch64>' (at the same commit, since the build id is part of the name)");
        }
        List<PushedImage> images = new ArrayList<>();
        ObjectNode index = JSON.createObjectNode();
        index.put("schemaVersion", 2);
        index.put("mediaType", INDEX);
        ArrayNode manifests = index.putArray("manifests");
        for (Arch arch : built) {
            String uri = request.imageUri("v" + request.version() + "-" + request.buildId() + "-" + arch.id());
            ImageRef ref = ImageRef.parse(uri);
            Digest digest = client.pushLayout(request.archive(arch), ref);
            // Read back by digest: the index entry needs the exact size and media type the registry holds.
            Manifest manifest = client.manifest(ref.withDigest(digest));
            ObjectNode entry = manifests.addObject();
            entry.put("mediaType", manifest.mediaType());
            entry.put("digest", digest.toString());
            entry.put("size", manifest.content().length);
            entry.putObject("platform").put("architecture", arch.goArch()).put("os", "linux");
            images.add(new PushedImage(arch, uri, digest));
        }
        String indexUri = request.imageUri("v" + request.version());
        byte[] bytes = index.toString().getBytes(StandardCharsets.UTF_8);
        Digest indexDigest = client.pushManifest(ImageRef.parse(indexUri), bytes, INDEX);
        return new Published(images, indexUri, indexDigest);
    }
}
