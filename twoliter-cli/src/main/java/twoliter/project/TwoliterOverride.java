package twoliter.project;

import common.TwoliterException;
import common.toml.TomlFile;
import common.toml.TomlNode;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * {@code Twoliter.override}: per {@code [vendor.artifact]}, another repository name and/or registry to pull the SDK
 * or a kit from. It changes where images come from, never the {@code source} recorded in the lock.
 */
public record TwoliterOverride(SortedMap<String, Entry> entries) {
    static final String FILE = "Twoliter.override";

    public TwoliterOverride {
        entries = Collections.unmodifiableSortedMap(new TreeMap<>(entries));
    }

    /** One override; either part may be absent. */
    public record Entry(Optional<String> name, Optional<String> registry) {
        public Entry {
            Objects.requireNonNull(name);
            Objects.requireNonNull(registry);
        }
    }

    public static TwoliterOverride none() {
        return new TwoliterOverride(new TreeMap<>());
    }

    public Optional<Entry> forImage(String vendor, String name) {
        return Optional.ofNullable(entries.get(vendor + "." + name));
    }

    public static TwoliterOverride read(Path path) throws TwoliterException {
        TomlNode root = TomlFile.read(path, FILE).root();
        SortedMap<String, Entry> entries = new TreeMap<>();
        for (String vendor : root.keys()) {
            TomlNode vendorTable = root.optTable(vendor).orElseThrow();
            for (String artifact : vendorTable.keys()) {
                TomlNode entry = vendorTable.optTable(artifact).orElseThrow();
                entries.put(vendor + "." + artifact, new Entry(entry.optString("name"), entry.optString("registry")));
            }
        }
        return new TwoliterOverride(entries);
    }
}
