package pubsys.ssm;

import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What a dry run of an SSM command found: the parameters it would set or check, and the AWS calls it would make at
 * most (which parameters really change is only known by asking SSM).
 */
public record SsmPlan(SortedMap<SsmKey, String> parameters, List<PlannedCall> calls) {
    public SsmPlan {
        parameters = Collections.unmodifiableSortedMap(new TreeMap<>(parameters));
        calls = List.copyOf(calls);
    }

    static SsmPlan empty() {
        return new SsmPlan(new TreeMap<>(), List.of());
    }
}
