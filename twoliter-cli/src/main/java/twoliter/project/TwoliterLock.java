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
    static final String FILE = "Twoliter.lock";

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
