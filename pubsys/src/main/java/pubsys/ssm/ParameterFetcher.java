package pubsys.ssm;

import common.TwoliterException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import pubsys.PublishLog;
import pubsys.aws.Parallel;

/**
 * Fetches the current values of parameters (pubsys.md §12 "GetParameters fetch"): names grouped by region in chunks
 * of ten, four chunks at a time. A region whose namespace SSM calls invalid has none of them yet.
 */
final class ParameterFetcher {
    static final int CONCURRENCY = 4;

    private record Chunk(String region, List<String> names) {
    }

    private final ParameterStore store;
    private final PublishLog log;

    ParameterFetcher(ParameterStore store, PublishLog log) {
        this.store = store;
        this.log = log;
    }

    /** The values of those {@code keys} that exist. */
    SortedMap<SsmKey, String> fetch(Collection<SsmKey> keys) throws TwoliterException {
        List<Chunk> chunks = chunks(keys);
        List<ParameterStore.Fetch> fetched = Parallel.map(chunks, CONCURRENCY, c -> store.get(c.region(), c.names()));
        SortedMap<SsmKey, String> values = new TreeMap<>();
        Set<String> warned = new HashSet<>();
        for (int i = 0; i < chunks.size(); i++) {
            Chunk chunk = chunks.get(i);
            if (fetched.get(i) instanceof ParameterStore.Fetch.Found found) {
                for (String name : chunk.names()) {
                    String value = found.values().get(name);
                    if (value != null) {
                        values.put(new SsmKey(chunk.region(), name), value);
                    }
                }
            } else if (warned.add(chunk.region())) {
                log.warn("Invalid namespace in " + chunk.region() + ", this is OK for the first publish in a region");
            }
        }
        return values;
    }

    /** The GetParameters calls for {@code keys}: per region (sorted), names sorted, at most ten a call. */
    static List<Chunk> chunks(Collection<SsmKey> keys) {
        SortedMap<String, SortedSet<String>> byRegion = new TreeMap<>();
        for (SsmKey key : keys) {
            byRegion.computeIfAbsent(key.region(), r -> new TreeSet<>()).add(key.name());
        }
        List<Chunk> chunks = new ArrayList<>();
        byRegion.forEach((region, names) -> {
            List<String> all = List.copyOf(names);
            for (int from = 0; from < all.size(); from += ParameterStore.MAX_NAMES_PER_GET) {
                chunks.add(new Chunk(region, all.subList(from,
                        Math.min(all.size(), from + ParameterStore.MAX_NAMES_PER_GET))));
            }
        });
        return chunks;
    }

    /** The GetParameters calls {@link #fetch} would make, for dry runs. */
    static List<PlannedCall> plan(Collection<SsmKey> keys) {
        return chunks(keys).stream().map(c -> PlannedCall.ssm(c.region(), "GetParameters", c.names())).toList();
    }
}
