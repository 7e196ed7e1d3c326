package twoliter.vendor;

import common.TwoliterException;
import common.toml.TomlFile;
import common.toml.TomlNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code VENDOR.toml} in a vendor directory: {@code ignore} names files, kits or SDK images that are not vendored;
 * {@code "sdk"} stands for the SDK image; {@code pin} names entries already in the directory that must be kept as they
 * are, even if their sources changed (a pin naming nothing vendored is an error).
 */
public record VendorConfig(Set<String> ignore, Set<String> pin) {
    public static final String FILE = "VENDOR.toml";
    /** The name that stands for the SDK image in {@code ignore} and {@code pin}. */
    public static final String SDK_ALIAS = "sdk";

    public VendorConfig {
        ignore = Set.copyOf(ignore);
        pin = Set.copyOf(pin);
    }

    /** Whether {@code ignore} names the item; {@code "sdk"} names every SDK image, whatever its tag. */
    public boolean ignores(VendorItem item) {
        return ignore.contains(item.name()) || item.kind() == VendorItem.Kind.SDK && ignore.contains(SDK_ALIAS);
    }

    /** Whether {@code pin} names the item; {@code "sdk"} names every SDK image, whatever its tag. */
    public boolean pins(VendorItem item) {
        return pin.contains(item.name()) || item.kind() == VendorItem.Kind.SDK && pin.contains(SDK_ALIAS);
    }

    public static VendorConfig none() {
        return new VendorConfig(Set.of(), Set.of());
    }

    /** Reads {@code dir/VENDOR.toml}; no file means nothing ignored or pinned. */
    public static VendorConfig read(Path dir) throws TwoliterException {
        Path file = dir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return none();
        }
        return parse(TomlFile.read(file, file.toString()).root());
    }

    static VendorConfig parse(TomlNode root) throws TwoliterException {
        for (String key : root.keys()) {
            if (!key.equals("ignore") && !key.equals("pin")) {
                throw root.error(key, "is not a VENDOR.toml key; the keys are 'ignore' and 'pin' (arrays of file,"
                        + " kit or SDK image names)");
            }
        }
        Set<String> ignore = names(root, "ignore");
        Set<String> pin = names(root, "pin");
        for (String name : ignore) {
            if (pin.contains(name)) {
                throw root.error("pin", "names '" + name + "', which 'ignore' also names; an entry is either"
                        + " vendored and pinned or not vendored, so remove it from one of them");
            }
        }
        return new VendorConfig(ignore, pin);
    }

    private static Set<String> names(TomlNode root, String key) throws TwoliterException {
        Set<String> names = new TreeSet<>();
        for (String name : root.optStringList(key).orElse(java.util.List.of())) {
            if (name.isBlank()) {
                throw root.error(key, "has an empty name; give file names such as \"hello-2.12.tar.gz\", kit names"
                        + " such as \"core-kit\" or the SDK image name");
            }
            if (!names.add(name)) {
                throw root.error(key, "names '" + name + "' twice; remove the duplicate");
            }
        }
        return names;
    }
}
