package twoliter.project;

import buildsys.manifest.KitSpec;
import buildsys.manifest.Manifest;
import buildsys.manifest.Workspace;
import common.TwoliterException;

/**
 * Checks that every kit of the project names a vendor Twoliter.toml declares, as upstream refuses a dependency on an
 * undeclared vendor: the kit is published to, and its dependents resolve it from, that vendor's registry.
 */
public final class KitVendors {
    private KitVendors() {
    }

    /** Checks the kits of the project itself; kits composed from other projects answer to their own Twoliter.toml. */
    public static void check(TwoliterToml config, Workspace workspace) throws TwoliterException {
        for (Manifest manifest : workspace.manifests().values()) {
            if (manifest.label().isMain() && manifest.metadata() instanceof KitSpec kit
                    && !config.vendorRegistries().containsKey(kit.vendor())) {
                String declared = config.vendorRegistries().isEmpty() ? "none"
                        : String.join(", ", config.vendorRegistries().keySet());
                throw TwoliterException.badInput(manifest.file() + ": [package.metadata.build-kit] vendor '"
                        + kit.vendor() + "' is not declared in " + TwoliterToml.FILE + " (vendors: " + declared
                        + "); cannot define a dependency on a vendor that is not specified: add [vendor."
                        + kit.vendor() + "] with its registry to " + TwoliterToml.FILE + ", or name a declared"
                        + " vendor");
            }
        }
    }
}
