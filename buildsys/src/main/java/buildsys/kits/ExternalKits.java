package buildsys.kits;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import common.Arch;
import common.TwoliterException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The kits a project takes from registries, as {@code twoliter fetch} recorded them in
 * {@code build/external-kits/external-kit-metadata.json} (buildsys.md §2.4), and the SDK recorded beside them. Builds
 * read only this file and the unpacked kit directories; they never contact a registry.
 */
public record ExternalKits(List<ExternalImage> kits, Optional<ExternalImage> sdk) {
    /** Where fetch writes the metadata, relative to the project root. */
    public static final String METADATA = "build/external-kits/external-kit-metadata.json";
    private static final String DIR = "build/external-kits";
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z0-9_-]+");
    private static final ObjectMapper JSON = new ObjectMapper();

    public ExternalKits {
        kits = List.copyOf(kits);
        Objects.requireNonNull(sdk, "sdk");
    }

    /** A project without external kits whose SDK is not recorded anywhere. */
    public static ExternalKits none() {
        return new ExternalKits(List.of(), Optional.empty());
    }

    public boolean isEmpty() {
        return kits.isEmpty();
    }

    /**
     * Reads the metadata of the project at {@code root}. With {@code declared} kits (Twoliter.toml's {@code [[kit]]})
     * the file must exist and list each of them at its declared version; without, a missing file means no external
     * kits, and kits a stale file still lists are ignored (its SDK is kept for kit labels).
     *
     * @param arch the architecture being built, for the fetch command the messages suggest
     */
    public static ExternalKits load(Path root, List<KitRef> declared, Arch arch) throws TwoliterException {
        String fetch = "run 'twoliter update' if Twoliter.lock is missing or out of date, then 'twoliter fetch"
                + " --arch " + arch.id() + "'";
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(root.resolve(METADATA));
        } catch (NoSuchFileException e) {
            if (declared.isEmpty()) {
                return none();
            }
            throw TwoliterException.badInput("Twoliter.toml declares kits (" + displays(declared) + ") but '"
                    + METADATA + "' does not exist: the kits have not been fetched; " + fetch);
        } catch (IOException e) {
            throw TwoliterException.badInput("cannot read '" + METADATA + "': " + e.getMessage());
        }
        ExternalKits all = parse(bytes);
        if (declared.isEmpty()) {
            return new ExternalKits(List.of(), all.sdk());
        }
        for (KitRef kit : declared) {
            boolean listed = all.kits().stream().anyMatch(k -> k.name().equals(kit.name())
                    && k.vendor().equals(kit.vendor()) && k.version().equals(kit.version()));
            if (!listed) {
                throw TwoliterException.badInput("Twoliter.toml declares kit '" + kit.display() + "', which '"
                        + METADATA + "' does not list (it has " + all.kits().stream().map(ExternalImage::display)
                        .toList() + "); the fetched kits are out of date: " + fetch);
            }
        }
        return all;
    }

    static ExternalKits parse(byte[] bytes) throws TwoliterException {
        JsonNode root;
        try {
            root = JSON.readTree(bytes);
        } catch (IOException e) {
            throw bad("is not valid JSON (" + e.getMessage().lines().findFirst().orElse("") + ")");
        }
        if (root == null || !root.isObject() || !root.path("kit").isArray()) {
            throw bad("must be an object with a 'kit' array");
        }
        List<ExternalImage> kits = new ArrayList<>();
        for (JsonNode kit : root.get("kit")) {
            kits.add(image(kit, "kit[" + kits.size() + "]"));
        }
        Optional<ExternalImage> sdk = root.hasNonNull("sdk") ? Optional.of(image(root.get("sdk"), "sdk"))
                : Optional.empty();
        return new ExternalKits(kits, sdk);
    }

    private static ExternalImage image(JsonNode node, String where) throws TwoliterException {
        String[] values = new String[5];
        String[] keys = {"name", "vendor", "version", "source", "digest"};
        for (int i = 0; i < keys.length; i++) {
            JsonNode value = node.path(keys[i]);
            if (!value.isTextual()) {
                throw bad("has no string '" + keys[i] + "' in " + where);
            }
            values[i] = value.asText();
        }
        // Names become directories under build/external-kits: only identifiers (twoliter-cli.md §2.1) may.
        for (int i = 0; i < 2; i++) {
            if (!IDENTIFIER.matcher(values[i]).matches()) {
                throw bad("has " + where + "." + keys[i] + " '" + values[i] + "'; names may use only letters,"
                        + " digits, '-' and '_'");
            }
        }
        return new ExternalImage(values[0], values[1], values[2], values[3], values[4]);
    }

    private static TwoliterException bad(String what) {
        return TwoliterException.badInput("'" + METADATA + "' " + what + "; delete it and run 'twoliter fetch'");
    }

    /** These kits but those with the given {@code <vendor>/<name>} ids (kits built from source in this build). */
    public ExternalKits without(Collection<String> ids) {
        return new ExternalKits(kits.stream().filter(k -> !ids.contains(k.vendor() + "/" + k.name())).toList(), sdk);
    }

    /** The kits as fetched for {@code arch}: each must have been unpacked for it (its {@code digest} exists). */
    public List<FetchedKit> fetched(Path root, Arch arch) throws TwoliterException {
        List<FetchedKit> fetched = new ArrayList<>(kits.size());
        for (ExternalImage kit : kits) {
            String dir = DIR + "/" + kit.vendor() + "/" + kit.name() + "/" + arch.id();
            Path digestFile = root.resolve(dir).resolve("digest");
            String digest;
            try {
                digest = Files.readString(digestFile).strip();
            } catch (NoSuchFileException e) {
                throw TwoliterException.badInput("external kit '" + kit.display() + "' has not been fetched for "
                        + arch.id() + ": '" + dir + "/digest' does not exist; run 'twoliter fetch --arch "
                        + arch.id() + "'");
            } catch (IOException e) {
                throw TwoliterException.badInput("cannot read '" + dir + "/digest': " + e.getMessage());
            }
            fetched.add(new FetchedKit(kit, arch, dir, digest, packages(root.resolve(dir).resolve("Packages"))));
        }
        return fetched;
    }

    private static List<String> packages(Path dir) throws TwoliterException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> children = Files.list(dir)) {
            return children.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw TwoliterException.badInput("cannot list '" + dir + "': " + e.getMessage());
        }
    }

    private static String displays(List<KitRef> kits) {
        return String.join(", ", kits.stream().map(KitRef::display).toList());
    }
}
