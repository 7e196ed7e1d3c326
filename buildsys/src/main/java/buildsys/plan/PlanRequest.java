package buildsys.plan;

import buildsys.kits.ExternalKits;
import buildsys.manifest.Label;
import common.Arch;
import java.util.List;
import java.util.Objects;

/**
 * What to plan: the targets, the architecture, the SDK and the identity of the build.
 *
 * @param hostArch the architecture of the machine that runs the SDK container
 * @param externalKits the kits the project takes from registries, as fetched ({@link ExternalKits#none()} when
 *     it takes none)
 */
public record PlanRequest(List<Label> targets, Arch arch, Arch hostArch, SdkSource sdk, BuildIdentity identity,
                          ExternalKits externalKits) {
    public PlanRequest {
        targets = List.copyOf(targets);
        Objects.requireNonNull(arch);
        Objects.requireNonNull(hostArch);
        Objects.requireNonNull(sdk);
        Objects.requireNonNull(identity);
        Objects.requireNonNull(externalKits);
    }
}
