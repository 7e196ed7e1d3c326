package twoliter.kits;

import com.fasterxml.jackson.databind.JsonNode;
import common.Semver;
import common.TwoliterException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import twoliter.project.ImageRef;

/**
 * What a kit image says about itself in its {@code dev.bottlerocket.kit.v2} label (twoliter-cli.md §2.6 step 4):
 * its name and version, the SDK it was built with, and the kits it needs.
 */
record KitMetadata(String name, String version, SdkRef sdk, List<ImageRef> kits) {
    static final String LABEL = "dev.bottlerocket.kit.v2";
    private static final Set<String> KEYS = Set.of("kit", "name", "sdk", "version");

    KitMetadata {
        Objects.requireNonNull(name);
        Objects.requireNonNull(version);
        Objects.requireNonNull(sdk);
        kits = List.copyOf(kits);
    }

    /** The SDK of a kit's label; {@code source} and {@code digest} are present when twoliter wrote them. */
    record SdkRef(ImageRef image, Optional<String> source, Optional<String> digest) {
        SdkRef {
            Objects.requireNonNull(image);
            Objects.requireNonNull(source);
            Objects.requireNonNull(digest);
        }

        boolean inTree() {
            return InTreeSdk.isInTree(image.name(), source);
        }
    }

    /** Decodes the label value: standard base64 of JSON (upstream adds a trailing newline before encoding). */
    static KitMetadata decode(String label, String where) throws TwoliterException {
        byte[] json;
        try {
            json = Base64.getMimeDecoder().decode(label.strip());
        } catch (IllegalArgumentException e) {
            throw bad(where, "is not base64: " + e.getMessage());
        }
        JsonNode root = ImageIndex.json(json, "the " + LABEL + " label of " + where);
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!KEYS.contains(key)) {
                throw bad(where, "has the unknown field '" + key + "'; it was written by another version of twoliter");
            }
        }
        String version = text(root, "version", where);
        if (!Semver.isValid(version)) {
            throw bad(where, "has version '" + version + "', which is not a semantic version");
        }
        JsonNode sdk = root.path("sdk");
        if (!sdk.isObject()) {
            throw bad(where, "names no 'sdk'");
        }
        SdkRef sdkRef = new SdkRef(image(sdk, where + " (sdk)"), optional(sdk, "source"), optional(sdk, "digest"));
        List<ImageRef> kits = new ArrayList<>();
        for (JsonNode kit : root.path("kit")) {
            kits.add(image(kit, where + " (kit)"));
        }
        return new KitMetadata(text(root, "name", where), version, sdkRef, kits);
    }

    private static ImageRef image(JsonNode node, String where) throws TwoliterException {
        return new ImageRef(text(node, "name", where), text(node, "version", where), text(node, "vendor", where));
    }

    private static String text(JsonNode node, String key, String where) throws TwoliterException {
        JsonNode value = node.get(key);
        if (value == null || !value.isTextual() || value.textValue().isEmpty()) {
            throw bad(where, "lacks the text field '" + key + "'");
        }
        return value.textValue();
    }

    private static Optional<String> optional(JsonNode node, String key) {
        JsonNode value = node.get(key);
        return value != null && value.isTextual() ? Optional.of(value.textValue()) : Optional.empty();
    }

    private static TwoliterException bad(String where, String problem) {
        return TwoliterException.badInput("the " + LABEL + " label of " + where + " " + problem
                + "; rebuild and republish the kit with this twoliter");
    }
}
