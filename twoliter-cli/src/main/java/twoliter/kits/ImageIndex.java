package twoliter.kits;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import common.Arch;
import common.TwoliterException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import oci.Digest;

/** The per-architecture entries of a kit's or SDK's index, as §2.6 reads them: digest and amd64/arm64 platform. */
record ImageIndex(List<Entry> entries) {
    private static final ObjectMapper JSON = new ObjectMapper();

    ImageIndex {
        entries = List.copyOf(entries);
    }

    /** One image of the index. */
    record Entry(Digest digest, Arch arch) {
        Entry {
            Objects.requireNonNull(digest);
            Objects.requireNonNull(arch);
        }
    }

    /** Parses an OCI index or Docker manifest list; {@code where} names it (image URI or path) for messages. */
    static ImageIndex parse(byte[] document, String where) throws TwoliterException {
        JsonNode root = json(document, where);
        if (!root.path("manifests").isArray()) {
            throw TwoliterException.badInput("'" + where + "' is a single image, not an index of per-architecture"
                    + " images; kits are published as an index ('twoliter publish kit' writes one)");
        }
        List<Entry> entries = new ArrayList<>();
        for (JsonNode manifest : root.path("manifests")) {
            String architecture = manifest.path("platform").path("architecture").asText("");
            Arch arch = switch (architecture) {
                case "amd64" -> Arch.X86_64;
                case "arm64" -> Arch.AARCH64;
                default -> throw TwoliterException.badInput("an image of index '" + where + "' has architecture '"
                        + architecture + "'; kit and SDK indexes may only hold 'amd64' and 'arm64' images");
            };
            entries.add(new Entry(Digest.parse(manifest.path("digest").asText(null),
                    "the digest of the " + architecture + " image of '" + where + "'"), arch));
        }
        if (entries.isEmpty()) {
            throw TwoliterException.badInput("index '" + where + "' lists no images");
        }
        return new ImageIndex(entries);
    }

    /** The first entry for {@code arch}, as upstream picks it. */
    Optional<Entry> forArch(Arch arch) {
        return entries.stream().filter(e -> e.arch() == arch).findFirst();
    }

    static JsonNode json(byte[] document, String where) throws TwoliterException {
        try {
            JsonNode node = JSON.readTree(document);
            if (node == null || !node.isObject()) {
                throw TwoliterException.badInput("'" + where + "' is not a JSON object");
            }
            return node;
        } catch (IOException e) {
            throw TwoliterException.badInput("'" + where + "' is not valid JSON: " + e.getMessage());
        }
    }
}
