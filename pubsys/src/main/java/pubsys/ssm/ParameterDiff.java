package pubsys.ssm;

import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import pubsys.PublishLog;

/**
 * Which wanted parameters differ from SSM, reported line by line in upstream's format (pubsys.md §12
 * {@code key_difference}); parameters only in SSM are left alone.
 */
final class ParameterDiff {
    private ParameterDiff() {
    }

    /** The wanted parameters that are new or have another value, after reporting every wanted one. */
    static SortedMap<SsmKey, String> toSet(Map<SsmKey, String> wanted, Map<SsmKey, String> current, PublishLog log) {
        SortedMap<SsmKey, String> changes = new TreeMap<>();
        for (Map.Entry<SsmKey, String> e : new TreeMap<>(wanted).entrySet()) {
            SsmKey key = e.getKey();
            String now = current.get(key);
            String head = key.name() + " - " + key.region() + " - ";
            if (now == null) {
                log.result(head + "new parameter:");
                log.result("   new value: " + e.getValue());
                changes.put(key, e.getValue());
            } else if (now.equals(e.getValue())) {
                log.result(head + "no change");
            } else {
                log.result(head + "changing value:");
                log.result("   old value: " + now);
                log.result("   new value: " + e.getValue());
                changes.put(key, e.getValue());
            }
        }
        return changes;
    }
}
