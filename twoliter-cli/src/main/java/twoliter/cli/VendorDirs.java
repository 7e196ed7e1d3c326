package twoliter.cli;

import common.TwoliterException;
import java.nio.file.Path;
import java.util.Optional;
import twoliter.vendor.TwoliterRc;

/** The vendor directory of a run: {@code --vendor-dir} (from the working directory), else {@code .twoliterrc}. */
final class VendorDirs {
    private VendorDirs() {
    }

    static Optional<Path> resolve(TwoliterCommand root, Path flag) throws TwoliterException {
        if (flag != null) {
            return Optional.of(root.environment().workingDir().resolve(flag).toAbsolutePath().normalize());
        }
        return TwoliterRc.read(root.project().root()).vendorDir().map(p -> p.toAbsolutePath().normalize());
    }

    /** The external files directory of a vendor directory, which builds search like a {@code --distdir}. */
    static Path files(Path vendorDir) {
        return vendorDir.resolve(twoliter.vendor.VendorItem.Kind.FILE.dir());
    }
}
