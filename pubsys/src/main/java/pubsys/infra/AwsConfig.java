package pubsys.infra;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code [aws]} table: regions (the first is the base region), the optional base profile, the role assumed first,
 * per-region roles assumed after it, and the SSM parameter prefix.
 */
public record AwsConfig(List<String> regions, Optional<String> profile, Optional<String> role,
                        Map<String, String> regionRoles, Optional<String> ssmPrefix) {
    public AwsConfig {
        regions = List.copyOf(regions);
        Objects.requireNonNull(profile);
        Objects.requireNonNull(role);
        regionRoles = Map.copyOf(regionRoles);
        Objects.requireNonNull(ssmPrefix);
    }

    public static AwsConfig empty() {
        return new AwsConfig(List.of(), Optional.empty(), Optional.empty(), Map.of(), Optional.empty());
    }
}
