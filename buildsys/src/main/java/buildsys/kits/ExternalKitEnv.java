package buildsys.kits;

import common.Arch;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;

/**
 * How an action declares the external kits it uses: one value per kit, {@code EXTERNAL_KIT <vendor>/<name>} =
 * {@code <version> <image digest>}. The digest is the one fetch wrote for the action's arch, so fetching another
 * kit version changes the keys of exactly the actions that use kits, for that arch only. A kit built from source in
 * this build ({@link ComposedKit}) is {@code <version> built-from-source <kit target>} instead: its content enters
 * the key as the kit action's key, a dependency of the action. Kit actions also carry {@code KIT_SDK}, the
 * metadata's SDK that their label records.
 */
public final class ExternalKitEnv {
    private static final String PREFIX = "EXTERNAL_KIT ";
    private static final String BUILT_FROM_SOURCE = "built-from-source";
    private static final String SDK = "KIT_SDK";

    private ExternalKitEnv() {
    }

    /**
     * An external kit an action uses: where its repository is and what its label entry says.
     *
     * @param builtBy the kit target that builds it in this build, when it is built from source
     */
    public record Entry(String vendor, String name, String version, Optional<String> builtBy) {
        public Entry {
            Objects.requireNonNull(builtBy);
        }

        public Entry(String vendor, String name, String version) {
            this(vendor, name, version, Optional.empty());
        }

        /** The kit's repository for {@code arch} as fetch unpacked it, relative to the project root. */
        public String dir(Arch arch) {
            return "build/external-kits/" + vendor + "/" + name + "/" + arch.id();
        }
    }

    public static void put(SortedMap<String, String> env, List<FetchedKit> kits) {
        for (FetchedKit kit : kits) {
            env.put(PREFIX + kit.id(), kit.kit().version() + " " + kit.imageDigest());
        }
    }

    public static void putBuiltFromSource(SortedMap<String, String> env, ComposedKit kit) {
        env.put(PREFIX + kit.id(), kit.version() + " " + BUILT_FROM_SOURCE + " " + kit.label());
    }

    /** The kits {@link #put} and {@link #putBuiltFromSource} declared, sorted by vendor and name. */
    public static List<Entry> read(Map<String, String> env) {
        List<Entry> entries = new ArrayList<>();
        env.entrySet().stream().filter(e -> e.getKey().startsWith(PREFIX)).sorted(Map.Entry.comparingByKey())
                .forEach(e -> {
                    String[] id = e.getKey().substring(PREFIX.length()).split("/", 2);
                    String[] value = e.getValue().split(" ", 3);
                    Optional<String> builtBy = value.length == 3 && value[1].equals(BUILT_FROM_SOURCE)
                            ? Optional.of(value[2]) : Optional.empty();
                    entries.add(new Entry(id[0], id[1], value[0], builtBy));
                });
        return entries;
    }

    /** Declares the SDK a kit's label records: its five fields, tab-separated. */
    public static void putSdk(SortedMap<String, String> env, ExternalImage sdk) {
        env.put(SDK, String.join("\t", sdk.name(), sdk.vendor(), sdk.version(), sdk.source(), sdk.digest()));
    }

    public static Optional<ExternalImage> sdk(Map<String, String> env) {
        String value = env.get(SDK);
        if (value == null) {
            return Optional.empty();
        }
        String[] f = value.split("\t", -1);
        return Optional.of(new ExternalImage(f[0], f[1], f[2], f[3], f[4]));
    }
}
