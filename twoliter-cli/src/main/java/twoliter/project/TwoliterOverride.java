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
 * or a kit from, or a local {@code path} (an OCI image layout directory or tar, or a kit build directory) to use
 * instead of any registry, or the directory of the project that defines the kit, to build it from source in this
 * build ({@code twoliter.kits.ComposedKits}). It changes where images come from, never the {@code source} recorded
 * in the lock.
 */
public record TwoliterOverride(SortedMap<String, Entry> entries) {
    static final String FILE = "Twoliter.override";

    public TwoliterOverride {
        entries = Collections.unmodifiableSortedMap(new TreeMap<>(entries));
    }

    /** One override; any part may be absent, but a {@code path} excludes {@code name} and {@code registry}. */
    public record Entry(Optional<String> name, Optional<String> registry, Optional<String> path) {
        public Entry {
            Objects.requireNonNull(name);
            Objects.requireNonNull(registry);
            Objects.requireNonNull(path);
        }

        public Entry(Optional<String> name, Optional<String> registry) {
            this(name, registry, Optional.empty());
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
                Entry parsed = new Entry(entry.optString("name"), entry.optString("registry"),
                        entry.optString("path"));
                if (parsed.path().isPresent() && (parsed.name().isPresent() || parsed.registry().isPresent())) {
                    throw entry.error("path", "is given together with 'name' or 'registry'; a local path replaces"
                            + " the registry entirely, so keep either 'path' or 'name'/'registry' in [" + vendor
                            + "." + artifact + "]");
                }
                if (parsed.path().isPresent() && parsed.path().get().isBlank()) {
                    throw entry.error("path", "is empty; give a directory or file such as"
                            + " \"../my-kit/build/kits/my-kit\"");
                }
                entries.put(vendor + "." + artifact, parsed);
            }
        }
        return new TwoliterOverride(entries);
    }
}
