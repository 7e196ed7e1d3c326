package buildsys.kits;

import common.Arch;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;

/**
 * How an action declares the external kits it uses: one value per kit, {@code EXTERNAL_KIT <vendor>/<name>} =
 * {@code <version> <image digest>}. The digest is the one fetch wrote for the action's arch, so fetching another
 * kit version changes the keys of exactly the actions that use kits, for that arch only. Kit actions also carry
 * {@code KIT_SDK}, the metadata's SDK that their label records.
 */
public final class ExternalKitEnv {
    private static final String PREFIX = "EXTERNAL_KIT ";
    private static final String SDK = "KIT_SDK";

    private ExternalKitEnv() {
    }

    /** An external kit an action uses: where its repository is and what its label entry says. */
    public record Entry(String vendor, String name, String version) {
        /** The kit's repository for {@code arch}, relative to the project root. */
        public String dir(Arch arch) {
            return "build/external-kits/" + vendor + "/" + name + "/" + arch.id();
        }
    }

    public static void put(SortedMap<String, String> env, List<FetchedKit> kits) {
        for (FetchedKit kit : kits) {
            env.put(PREFIX + kit.id(), kit.kit().version() + " " + kit.imageDigest());
        }
    }

    /** The kits {@link #put} declared, sorted by vendor and name. */
    public static List<Entry> read(Map<String, String> env) {
        List<Entry> entries = new ArrayList<>();
        env.entrySet().stream().filter(e -> e.getKey().startsWith(PREFIX)).sorted(Map.Entry.comparingByKey())
                .forEach(e -> {
                    String[] id = e.getKey().substring(PREFIX.length()).split("/", 2);
                    entries.add(new Entry(id[0], id[1], e.getValue().split(" ", 2)[0]));
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
