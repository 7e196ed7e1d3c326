package pubsys.ssm;

import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What {@code ssm} or {@code promote-ssm} did: the parameters it wanted, and those it set because SSM had another
 * value or none (empty when nothing had to change).
 */
public record SsmOutcome(SortedMap<SsmKey, String> parameters, SortedMap<SsmKey, String> changed) {
    public SsmOutcome {
        parameters = Collections.unmodifiableSortedMap(new TreeMap<>(parameters));
        changed = Collections.unmodifiableSortedMap(new TreeMap<>(changed));
    }

    static SsmOutcome nothing() {
        return new SsmOutcome(new TreeMap<>(), new TreeMap<>());
    }
}
