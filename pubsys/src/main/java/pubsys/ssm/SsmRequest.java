package pubsys.ssm;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import pubsys.aws.Ec2Arch;

/**
 * The {@code ssm} command's inputs (pubsys.md §1, §12).
 *
 * @param amiInput           amis.json of the images to point the parameters at
 * @param regions            {@code --regions}, else Infra.toml's {@code [aws] regions}; each must be in amiInput
 * @param version            the full image version, e.g. {@code 1.20.0-abc1234}
 * @param templatePath       the parameter template file, e.g. {@code policies/ssm/defaults.toml}
 * @param ssmPrefix          Infra.toml's {@code [aws] ssm_prefix}
 * @param parameterOutput    where to write the rendered parameters, before any AWS call
 */
public record SsmRequest(Path amiInput, List<String> regions, Ec2Arch arch, String variant, String version,
                         Path templatePath, Optional<String> ssmPrefix, boolean allowClobber,
                         boolean allowPrivateImages, Optional<Path> parameterOutput) {
    public SsmRequest {
        Objects.requireNonNull(amiInput, "amiInput");
        regions = List.copyOf(regions);
        Objects.requireNonNull(arch, "arch");
        Objects.requireNonNull(variant, "variant");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(templatePath, "templatePath");
        Objects.requireNonNull(ssmPrefix, "ssmPrefix");
        Objects.requireNonNull(parameterOutput, "parameterOutput");
    }
}
