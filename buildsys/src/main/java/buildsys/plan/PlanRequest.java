package buildsys.plan;

import buildsys.kits.ComposedKit;
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
 * @param composedKits the external kits built from another project's sources in this build instead; they take the
 *     place of the same kits in {@code externalKits}, which need not have been fetched
 */
public record PlanRequest(List<Label> targets, Arch arch, Arch hostArch, SdkSource sdk, BuildIdentity identity,
                          ExternalKits externalKits, List<ComposedKit> composedKits) {
    public PlanRequest {
        targets = List.copyOf(targets);
        Objects.requireNonNull(arch);
        Objects.requireNonNull(hostArch);
        Objects.requireNonNull(sdk);
        Objects.requireNonNull(identity);
        Objects.requireNonNull(externalKits);
        composedKits = List.copyOf(composedKits);
    }

    /** A request without kits built from source. */
    public PlanRequest(List<Label> targets, Arch arch, Arch hostArch, SdkSource sdk, BuildIdentity identity,
                       ExternalKits externalKits) {
        this(targets, arch, hostArch, sdk, identity, externalKits, List.of());
    }
}
