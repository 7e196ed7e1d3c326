package pubsys.ssm;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import pubsys.aws.Ec2Arch;

/**
 * The {@code promote-ssm} command's inputs (pubsys.md §1, §12).
 *
 * @param regions         {@code --regions}, else Infra.toml's {@code [aws] regions}
 * @param source          the image version whose parameters to copy ({@code SSM_SOURCE})
 * @param target          the version name to copy them to, e.g. {@code latest} ({@code SSM_TARGET})
 * @param ssmPrefix       Infra.toml's {@code [aws] ssm_prefix}
 * @param parameterOutput a rendered-parameters file to merge the promoted parameters into
 */
public record PromoteRequest(List<String> regions, Ec2Arch arch, String variant, String source, String target,
                             Path templatePath, Optional<String> ssmPrefix, Optional<Path> parameterOutput) {
    public PromoteRequest {
        regions = List.copyOf(regions);
        Objects.requireNonNull(arch, "arch");
        Objects.requireNonNull(variant, "variant");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(templatePath, "templatePath");
        Objects.requireNonNull(ssmPrefix, "ssmPrefix");
        Objects.requireNonNull(parameterOutput, "parameterOutput");
    }
}
