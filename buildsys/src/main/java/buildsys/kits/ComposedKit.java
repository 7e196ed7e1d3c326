package buildsys.kits;

import buildsys.manifest.KitSpec;
import buildsys.manifest.Label;
import buildsys.manifest.Manifest;
import buildsys.manifest.Workspace;
import common.TwoliterException;
import java.util.Objects;

/**
 * An external kit that this build makes from another project's sources instead of fetching its image, because
 * Twoliter.override points it at that project (issue 12 item 3): the kit it stands in for and the kit target of the
 * composed repository that builds it. Everything that would use the fetched kit uses this target's output instead.
 *
 * @param version the kit version this project wants (Twoliter.toml or Twoliter.lock), which the kit is built as
 */
public record ComposedKit(String vendor, String name, String version, Label label) {
    public ComposedKit {
        Objects.requireNonNull(vendor, "vendor");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(label, "label");
        if (label.isMain()) {
            throw new IllegalArgumentException("a kit built from source belongs to a composed repository: " + label);
        }
    }

    /** {@code <vendor>/<name>}, as {@link FetchedKit#id()}: the external kit this one replaces. */
    public String id() {
        return vendor + "/" + name;
    }

    /** Fails unless the label is a kit target of the workspace with this kit's name and vendor. */
    public void checkAgainst(Workspace workspace) throws TwoliterException {
        Manifest manifest = workspace.manifest(label).orElse(null);
        String wanted = "kit '" + name + "' of vendor '" + vendor + "' is to be built from source as " + label;
        if (manifest == null || !(manifest.metadata() instanceof KitSpec spec)) {
            throw TwoliterException.badInput(wanted + ", which is not a kit of that project; Twoliter.override's"
                    + " path must be a project with kits/" + name + "/Cargo.toml holding [package.metadata.build-kit]");
        }
        if (!manifest.name().equals(name) || !spec.vendor().equals(vendor)) {
            throw TwoliterException.badInput(wanted + ", but " + manifest.file() + " builds kit '" + manifest.name()
                    + "' of vendor '" + spec.vendor() + "'; fix the [" + vendor + "." + name + "] path in"
                    + " Twoliter.override, or the kit's name or vendor");
        }
    }
}
