package twoliter.vendor;

import common.TwoliterException;
import common.toml.TomlFile;
import common.toml.TomlNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** {@code .twoliterrc} in the project root: per-checkout defaults, for now only {@code vendor-dir = "DIR"}. */
public record TwoliterRc(Optional<Path> vendorDir) {
    public static final String FILE = ".twoliterrc";

    /** Reads {@code projectRoot/.twoliterrc}; a relative {@code vendor-dir} is taken from the project root. */
    public static TwoliterRc read(Path projectRoot) throws TwoliterException {
        Path file = projectRoot.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return new TwoliterRc(Optional.empty());
        }
        TomlNode root = TomlFile.read(file, file.toString()).root();
        for (String key : root.keys()) {
            if (!key.equals("vendor-dir")) {
                throw root.error(key, "is not a " + FILE + " key; the only key is 'vendor-dir'");
            }
        }
        Optional<String> dir = root.optString("vendor-dir");
        if (dir.isPresent() && dir.get().isBlank()) {
            throw root.error("vendor-dir", "is empty; give the directory 'twoliter vendor' filled, such as"
                    + " \"vendor\", or remove the key");
        }
        return new TwoliterRc(dir.map(d -> projectRoot.resolve(d).normalize()));
    }
}
