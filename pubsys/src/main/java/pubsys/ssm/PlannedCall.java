package pubsys.ssm;

import java.util.List;
import java.util.Objects;

/**
 * An AWS call a command would make, for dry runs: the service, region, action, and what it is about (parameter
 * names, or image ids for EC2).
 */
public record PlannedCall(String service, String region, String action, List<String> subjects) {
    public PlannedCall {
        Objects.requireNonNull(service);
        Objects.requireNonNull(region);
        Objects.requireNonNull(action);
        subjects = List.copyOf(subjects);
    }

    static PlannedCall ssm(String region, String action, List<String> names) {
        return new PlannedCall("ssm", region, action, names);
    }

    /** {@code ssm GetParameters us-west-2: /a, /b}. */
    @Override
    public String toString() {
        return service + " " + action + " " + region + (subjects.isEmpty() ? "" : ": " + String.join(", ", subjects));
    }
}
