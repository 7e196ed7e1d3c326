package pubsys.ssm;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import pubsys.aws.Ec2Arch;

/**
 * One {@code [[parameter]]} of an SSM template file: name and value templates, and the variants and architectures it
 * is limited to (empty = all).
 */
record ParameterTemplate(Template name, Template value, List<String> variants, Set<Ec2Arch> arches) {
    ParameterTemplate {
        Objects.requireNonNull(name);
        Objects.requireNonNull(value);
        variants = List.copyOf(variants);
        arches = Set.copyOf(arches);
    }

    boolean appliesTo(String variant, Ec2Arch arch) {
        return (variants.isEmpty() || variants.contains(variant)) && (arches.isEmpty() || arches.contains(arch));
    }
}
