package twoliter.project;

import common.TwoliterException;
import common.toml.TomlFile;
import common.toml.TomlNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** {@code Twoliter.lock} as {@code twoliter update} writes it: the resolved SDK and kits with their digests. */
public record TwoliterLock(LockedImage sdk, List<LockedImage> kits) {
    public static final String FILE = "Twoliter.lock";
    /**
     * The digest of a kit that Twoliter.override points at another project's sources: this build makes the kit, so
     * there is no image to pin. Name, version, vendor and source stay as for an image, so the lock still matches
     * Twoliter.toml; {@code fetch} skips such a kit while the override is in effect and, once it is removed, says to
     * run {@code twoliter update} (the marker is no image digest). Builds never read a kit's lock digest.
     */
    public static final String BUILT_FROM_SOURCE = "built-from-source";

    public TwoliterLock {
        Objects.requireNonNull(sdk);
        kits = List.copyOf(kits);
    }

    /** A resolved image: where it was declared to come from and the digest of its manifest (twoliter-cli.md §2.5). */
    public record LockedImage(String name, String version, String vendor, String source, String digest) {
        public LockedImage {
            Objects.requireNonNull(name);
            Objects.requireNonNull(version);
            Objects.requireNonNull(vendor);
            Objects.requireNonNull(source);
            Objects.requireNonNull(digest);
        }

        /** The image as Twoliter.toml names it. */
        public ImageRef image() {
            return new ImageRef(name, version, vendor);
        }

        /** Whether {@code update} locked it as built from another project's sources ({@link #BUILT_FROM_SOURCE}). */
        public boolean builtFromSource() {
            return digest.equals(BUILT_FROM_SOURCE);
        }

        /** Upstream's display form, {@code name-version@vendor (source)}. */
        @Override
        public String toString() {
            return name + "-" + version + "@" + vendor + " (" + source + ")";
        }
    }

    /**
     * The file as upstream writes it (twoliter-cli.md §2.5): kebab-case keys, {@code kit = []} when there are no
     * kits, so either tool reads the other's lock.
     */
    public String toToml() {
        StringBuilder out = new StringBuilder("schema-version = 1\n");
        if (kits.isEmpty()) {
            out.append("kit = []\n");
        }
        out.append("\n[sdk]\n");
        table(out, sdk);
        for (LockedImage kit : kits) {
            out.append("\n[[kit]]\n");
            if (kit.builtFromSource()) {
                out.append("# Built from the sources of the project Twoliter.override points at; there is no image"
                        + " digest.\n# Without the override, 'twoliter update' locks the published image.\n");
            }
            table(out, kit);
        }
        return out.toString();
    }

    private static void table(StringBuilder out, LockedImage image) {
        out.append("name = ").append(quote(image.name())).append('\n');
        out.append("version = ").append(quote(image.version())).append('\n');
        out.append("vendor = ").append(quote(image.vendor())).append('\n');
        out.append("source = ").append(quote(image.source())).append('\n');
        out.append("digest = ").append(quote(image.digest())).append('\n');
    }

    private static String quote(String value) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        out.append(String.format("\\u%04X", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    public static TwoliterLock read(Path path) throws TwoliterException {
        TomlNode root = TomlFile.read(path, FILE).root();
        long schema = root.requireLong("schema-version");
        if (schema != 1) {
            throw root.error("schema-version", "must be 1, got " + schema + "; run 'twoliter update' to rewrite"
                    + " the lock");
        }
        TomlNode sdk = root.optTable("sdk").orElseThrow(() -> TwoliterException.badInput(FILE + " has no [sdk];"
                + " run 'twoliter update' to rewrite the lock"));
        List<LockedImage> kits = new ArrayList<>();
        for (TomlNode kit : root.tableArray("kit")) {
            kits.add(image(kit));
        }
        return new TwoliterLock(image(sdk), kits);
    }

    private static LockedImage image(TomlNode table) throws TwoliterException {
        return new LockedImage(table.string("name"), table.string("version"), table.string("vendor"),
                table.string("source"), table.string("digest"));
    }
}
