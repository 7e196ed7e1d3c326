package twoliter.project;

import common.Semver;
import common.TwoliterException;
import common.toml.TomlFile;
import common.toml.TomlNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The project file {@code Twoliter.toml} (schema-version 1): release version, vendors with their registries, the
 * SDK and the kits. Unknown keys are ignored, as upstream does.
 */
public record TwoliterToml(String releaseVersion, SortedMap<String, String> vendorRegistries, Optional<ImageRef> sdk,
                           List<ImageRef> kits) {
    static final String FILE = "Twoliter.toml";
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z0-9_-]+");

    public TwoliterToml {
        Objects.requireNonNull(releaseVersion);
        vendorRegistries = Collections.unmodifiableSortedMap(new TreeMap<>(vendorRegistries));
        Objects.requireNonNull(sdk);
        kits = List.copyOf(kits);
    }

    public static TwoliterToml read(Path path) throws TwoliterException {
        TomlNode root = TomlFile.read(path, FILE).root();
        long schema = root.requireLong("schema-version");
        if (schema != 1) {
            throw root.error("schema-version", "must be 1, got " + schema + "; this twoliter reads schema 1");
        }
        String release = root.string("release-version");
        if (!Semver.isValid(release)) {
            throw root.error("release-version", "must be a semantic version such as 1.0.0, got '" + release + "'");
        }
        SortedMap<String, String> vendors = new TreeMap<>();
        Optional<TomlNode> vendorTable = root.optTable("vendor");
        if (vendorTable.isPresent()) {
            for (String name : vendorTable.get().keys()) {
                checkIdentifier(vendorTable.get(), name, name);
                TomlNode vendor = vendorTable.get().optTable(name).orElseThrow();
                vendors.put(name, vendor.string("registry"));
            }
        }
        Optional<ImageRef> sdk = Optional.empty();
        Optional<TomlNode> sdkTable = root.optTable("sdk");
        if (sdkTable.isPresent()) {
            sdk = Optional.of(image(sdkTable.get(), vendors, "the SDK"));
        }
        List<ImageRef> kits = new ArrayList<>();
        for (TomlNode kit : root.tableArray("kit")) {
            kits.add(image(kit, vendors, "a kit"));
        }
        return new TwoliterToml(release, vendors, sdk, kits);
    }

    private static ImageRef image(TomlNode table, SortedMap<String, String> vendors, String what)
            throws TwoliterException {
        String name = table.string("name");
        checkIdentifier(table, "name", name);
        String version = table.string("version");
        if (!Semver.isValid(version)) {
            throw table.error("version", "must be a semantic version without a leading 'v', such as 0.46.0, got '"
                    + version + "'");
        }
        String vendor = table.string("vendor");
        if (!vendors.containsKey(vendor)) {
            throw table.error("vendor", "names '" + vendor + "', which is not a [vendor." + vendor + "] table of "
                    + FILE + "; " + what + " can only come from a declared vendor: add [vendor." + vendor
                    + "] with its registry");
        }
        return new ImageRef(name, version, vendor);
    }

    private static void checkIdentifier(TomlNode table, String key, String value) throws TwoliterException {
        if (!IDENTIFIER.matcher(value).matches()) {
            throw table.error(key, "is '" + value + "'; names may use only letters, digits, '-' and '_'");
        }
    }
}
