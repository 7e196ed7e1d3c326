package buildsys.kits;

import common.Arch;
import java.util.List;
import java.util.Objects;

/**
 * An external kit as {@code twoliter fetch} unpacked it for one architecture: a yum repository at
 * {@code build/external-kits/<vendor>/<name>/<arch>/} whose {@code digest} file holds the registry digest of the
 * arch image it came from.
 *
 * @param dir the repository directory, relative to the project root
 * @param imageDigest the content of the {@code digest} file, e.g. {@code sha256:ab12...}
 * @param packages the names of the directories under {@code Packages/}, one per package, sorted
 */
public record FetchedKit(ExternalImage kit, Arch arch, String dir, String imageDigest, List<String> packages) {
    public FetchedKit {
        Objects.requireNonNull(kit, "kit");
        Objects.requireNonNull(arch, "arch");
        Objects.requireNonNull(dir, "dir");
        Objects.requireNonNull(imageDigest, "imageDigest");
        packages = List.copyOf(packages);
    }

    /** {@code <vendor>/<name>}, upstream's EXTERNAL_KIT_DEPENDENCIES entry and the key of this kit in actions. */
    public String id() {
        return kit.vendor() + "/" + kit.name();
    }
}
