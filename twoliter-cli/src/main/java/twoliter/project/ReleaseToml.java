package twoliter.project;

import common.Semver;
import common.TwoliterException;
import common.toml.TomlFile;
import common.toml.TomlNode;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code Release.toml}: the OS version (which must equal Twoliter.toml's release-version) and the {@code [migrations]}
 * table that maps {@code "(FROM, TO)"} to migration file names.
 */
public record ReleaseToml(Optional<String> version, SortedMap<String, List<String>> migrations) {
    static final String FILE = "Release.toml";
    private static final Pattern VERSION_PAIR = Pattern.compile("\\(\\s*([^,\\s]+)\\s*,\\s*([^)\\s]+)\\s*\\)");

    public ReleaseToml {
        migrations = Collections.unmodifiableSortedMap(new TreeMap<>(migrations));
    }

    public static ReleaseToml read(Path path) throws TwoliterException {
        TomlNode root = TomlFile.read(path, FILE).root();
        Optional<String> version = root.optString("version");
        SortedMap<String, List<String>> migrations = new TreeMap<>();
        Optional<TomlNode> table = root.optTable("migrations");
        if (table.isPresent()) {
            for (String pair : table.get().keys()) {
                Matcher m = VERSION_PAIR.matcher(pair);
                if (!m.matches() || !Semver.isValid(m.group(1)) || !Semver.isValid(m.group(2))) {
                    throw table.get().error(pair, "is not a pair of OS versions; write keys as \"(1.0.0, 1.1.0)\"");
                }
                migrations.put(pair, table.get().optStringList(pair).orElseThrow());
            }
        }
        return new ReleaseToml(version, migrations);
    }
}
