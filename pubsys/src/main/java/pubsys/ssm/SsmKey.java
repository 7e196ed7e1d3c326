package pubsys.ssm;

import java.util.Comparator;
import java.util.Objects;

/** One SSM parameter's address: the region and the full parameter name (prefix included). */
public record SsmKey(String region, String name) implements Comparable<SsmKey> {
    private static final Comparator<SsmKey> ORDER = Comparator.comparing(SsmKey::region)
            .thenComparing(SsmKey::name);

    public SsmKey {
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(name, "name");
    }

    /** Whether the name is in AWS's public namespace ({@code /aws/...}), which only public images may use. */
    public boolean isPublicNamespace() {
        return name.startsWith("/aws/");
    }

    @Override
    public int compareTo(SsmKey other) {
        return ORDER.compare(this, other);
    }

    @Override
    public String toString() {
        return name + " in " + region;
    }
}
