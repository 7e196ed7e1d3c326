package buildsys.manifest;

import java.util.Locale;
import java.util.Optional;

/** Whether the data partition lives on its own disk ({@code split}) or on the OS disk ({@code unified}). */
public enum PartitionPlan {
    SPLIT,
    UNIFIED;

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<PartitionPlan> fromKey(String key) {
        for (PartitionPlan plan : values()) {
            if (plan.key().equals(key)) {
                return Optional.of(plan);
            }
        }
        return Optional.empty();
    }
}
