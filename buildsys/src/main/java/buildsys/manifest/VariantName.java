package buildsys.manifest;

import common.TwoliterException;
import java.util.Objects;
import java.util.Optional;

/**
 * A variant name split as upstream splits it: {@code <platform>-<runtime>[-<version>[-<flavor>]]}. Segments after the
 * fourth are ignored; the family is {@code <platform>-<runtime>}.
 */
public record VariantName(String name, String platform, String runtime, Optional<String> version,
                          Optional<String> flavor) {
    private static final String[] SEGMENTS = {"platform", "runtime", "version", "flavor"};
    private static final String RULE = "variant names are <platform>-<runtime>[-<version>[-<flavor>]],"
            + " e.g. 'aws-k8s-1.29-nvidia' or 'metal-dev'";

    public VariantName {
        Objects.requireNonNull(name);
        Objects.requireNonNull(platform);
        Objects.requireNonNull(runtime);
        Objects.requireNonNull(version);
        Objects.requireNonNull(flavor);
    }

    public static VariantName parse(String name) throws TwoliterException {
        String[] parts = name.split("-", -1);
        for (int i = 0; i < SEGMENTS.length; i++) {
            boolean required = i < 2;
            if (i >= parts.length) {
                if (required) {
                    throw TwoliterException.badInput("the '" + SEGMENTS[i] + "' segment of the variant '" + name
                            + "' is missing; " + RULE);
                }
                break;
            }
            if (parts[i].isEmpty()) {
                throw TwoliterException.badInput("the '" + SEGMENTS[i] + "' segment of the variant '" + name
                        + "' is empty; " + RULE);
            }
        }
        return new VariantName(name, parts[0], parts[1],
                parts.length > 2 ? Optional.of(parts[2]) : Optional.empty(),
                parts.length > 3 ? Optional.of(parts[3]) : Optional.empty());
    }

    public String family() {
        return platform + "-" + runtime;
    }

    @Override
    public String toString() {
        return name;
    }
}
