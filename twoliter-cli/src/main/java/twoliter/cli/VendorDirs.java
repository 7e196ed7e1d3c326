package twoliter.cli;

import common.TwoliterException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import twoliter.vendor.TwoliterRc;

/** The vendor directory of a run: {@code --vendor-dir} (from the working directory), else {@code .twoliterrc}. */
final class VendorDirs {
    private VendorDirs() {
    }

    /** The vendor directory, which may not exist yet but must not be something other than a directory. */
    static Optional<Path> resolve(TwoliterCommand root, Path flag) throws TwoliterException {
        if (flag != null) {
            return Optional.of(requireNotAFile(root.environment().workingDir().resolve(flag).toAbsolutePath()
                    .normalize(), "--vendor-dir '%s'"));
        }
        Optional<Path> fromRc = TwoliterRc.read(root.project().root()).vendorDir().map(p -> p.toAbsolutePath()
                .normalize());
        if (fromRc.isPresent()) {
            requireNotAFile(fromRc.get(), "vendor-dir '%s' of .twoliterrc");
        }
        return fromRc;
    }

    private static Path requireNotAFile(Path dir, String what) throws TwoliterException {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw TwoliterException.badInput(String.format(what, dir) + " is a file, not a directory; pass a"
                    + " directory (twoliter vendor creates it when missing)");
        }
        return dir;
    }

    /** The external files directory of a vendor directory, which builds search like a {@code --distdir}. */
    static Path files(Path vendorDir) {
        return vendorDir.resolve(twoliter.vendor.VendorItem.Kind.FILE.dir());
    }
}
