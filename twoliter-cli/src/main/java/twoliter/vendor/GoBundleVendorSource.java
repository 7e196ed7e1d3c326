package twoliter.vendor;

import common.AtomicFiles;
import common.ErrorCategory;
import common.TwoliterException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Go module bundles as {@code DIR/go-bundles/<bundle id>/<bundle name>}, where builds with {@code --vendor-dir} look
 * for them before running {@code go mod vendor} (and, offline, instead of it). A bundle's id says what it is made of
 * (the archive's digest, the module directory, the name), not which SDK made it, so a vendored bundle outlives SDK
 * changes. Bundles are made by the build's own go-bundle actions, so a cached one is only copied.
 */
public final class GoBundleVendorSource implements VendorSource {
    /** One bundle the targets need. */
    public record Bundle(String id, String name) {
        public Bundle {
            Objects.requireNonNull(id);
            Objects.requireNonNull(name);
        }
    }

    /** Runs the go-bundle actions of some bundles (from the cache when it can) and says where each file now is. */
    @FunctionalInterface
    public interface Maker {
        Map<String, Path> make(List<Bundle> bundles) throws TwoliterException;
    }

    private final Map<String, Bundle> bundles = new LinkedHashMap<>();
    private final Maker maker;

    public GoBundleVendorSource(List<Bundle> bundles, Maker maker) {
        bundles.forEach(b -> this.bundles.putIfAbsent(b.id(), b));
        this.maker = maker;
    }

    @Override
    public List<VendorItem> wanted() {
        return bundles.values().stream().map(b -> new VendorItem(VendorItem.Kind.GO_BUNDLE, b.name(), b.id()))
                .toList();
    }

    @Override
    public Optional<String> present(Path vendorDir, VendorItem item) {
        return Files.isRegularFile(vendorDir.resolve(path(item))) ? Optional.of(item.digest()) : Optional.empty();
    }

    @Override
    public String path(VendorItem item) {
        return VendorItem.Kind.GO_BUNDLE.dir() + "/" + item.digest() + "/" + item.name();
    }

    @Override
    public void copy(Path vendorDir, List<VendorItem> items) throws TwoliterException {
        List<Bundle> wanted = new ArrayList<>();
        for (VendorItem item : items) {
            wanted.add(bundles.get(item.digest()));
        }
        Map<String, Path> made = maker.make(wanted);
        for (VendorItem item : items) {
            Path from = made.get(item.digest());
            Path to = vendorDir.resolve(path(item));
            if (from == null) {
                throw new IllegalStateException("the go-bundle action of " + item.name() + " made no file");
            }
            try {
                // Bundles can be tens of megabytes: copied to a temporary sibling and renamed, not read into memory.
                Files.createDirectories(to.getParent());
                Path tmp = Files.createTempFile(to.getParent(), "." + to.getFileName() + ".", ".tmp");
                try {
                    Files.copy(from, tmp, StandardCopyOption.REPLACE_EXISTING);
                    Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString(AtomicFiles.PUBLIC));
                    AtomicFiles.move(tmp, to);
                } finally {
                    Files.deleteIfExists(tmp);
                }
            } catch (IOException e) {
                throw new TwoliterException(ErrorCategory.FAILURE, "cannot copy the Go bundle '" + from + "' to '"
                        + to + "': " + e.getMessage(), e);
            }
        }
    }
}
