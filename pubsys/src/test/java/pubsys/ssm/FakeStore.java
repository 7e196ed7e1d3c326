package pubsys.ssm;

import common.ErrorCategory;
import common.TwoliterException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/** An in-memory {@link ParameterStore} whose puts can be scripted per call. */
final class FakeStore implements ParameterStore {
    final Map<SsmKey, String> values = new ConcurrentHashMap<>();
    final List<List<String>> gets = new CopyOnWriteArrayList<>();
    final List<SsmKey> puts = new CopyOnWriteArrayList<>();
    final Set<String> invalidNamespaces = ConcurrentHashMap.newKeySet();
    final Set<String> unreachable = ConcurrentHashMap.newKeySet();
    /** Decides each put; Done stores the value. */
    volatile Function<SsmKey, Put> onPut = k -> new Put.Done();

    @Override
    public Fetch get(String region, List<String> names) throws TwoliterException {
        if (names.size() > MAX_NAMES_PER_GET) {
            throw new AssertionError("too many names: " + names.size());
        }
        gets.add(List.copyOf(names));
        if (invalidNamespaces.contains(region)) {
            return new Fetch.InvalidNamespace("ValidationException: /x is not a valid namespace");
        }
        Map<String, String> found = new HashMap<>();
        for (String n : names) {
            String v = values.get(new SsmKey(region, n));
            if (v != null) {
                found.put(n, v);
            }
        }
        return new Fetch.Found(found);
    }

    @Override
    public Put put(String region, String name, String value) {
        SsmKey key = new SsmKey(region, name);
        puts.add(key);
        Put outcome = onPut.apply(key);
        if (outcome instanceof Put.Done) {
            values.put(key, value);
            // As in AWS, a namespace that holds a parameter is valid from then on.
            invalidNamespaces.remove(region);
        }
        return outcome;
    }

    @Override
    public Map<String, String> byPath(String region, String path) throws TwoliterException {
        if (unreachable.contains(region)) {
            throw new TwoliterException(ErrorCategory.FAILURE, "GetParametersByPath in " + region + " failed");
        }
        Map<String, String> out = new HashMap<>();
        values.forEach((k, v) -> {
            if (k.region().equals(region) && k.name().startsWith(path)) {
                out.put(k.name(), v);
            }
        });
        return out;
    }

    long putsOf(SsmKey key) {
        return new ArrayList<>(puts).stream().filter(key::equals).count();
    }
}
