package twoliter.vendor;

import common.ErrorCategory;
import common.TwoliterException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The facade of {@code twoliter vendor} (issue 7 item 6, Bazel's vendor mode): decides with {@link VendorPlan} what
 * each {@link VendorSource} must copy into the vendor directory, copies it and writes {@code vendor-manifest.json}.
 */
public final class Vendor {
    private Vendor() {
    }

    /** Vendors every source's items into {@code dir} and returns the plan that was carried out. */
    public static VendorPlan run(Path dir, List<VendorSource> sources) throws TwoliterException {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw TwoliterException.badInput("the vendor directory '" + dir + "' is a file, not a directory; pass a"
                    + " directory (it is created when missing)");
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new TwoliterException(ErrorCategory.FAILURE, "cannot create the vendor directory '" + dir + "': "
                    + e.getMessage(), e);
        }
        VendorConfig config = VendorConfig.read(dir);
        List<VendorItem> wanted = new ArrayList<>();
        Map<String, String> present = new HashMap<>();
        Map<VendorItem.Kind, VendorSource> byKind = new HashMap<>();
        for (VendorSource source : sources) {
            for (VendorItem item : source.wanted()) {
                if (wanted.stream().anyMatch(w -> w.key().equals(item.key()))) {
                    continue; // two packages may share one external file
                }
                byKind.put(item.kind(), source);
                wanted.add(item);
                if (!config.ignores(item)) {
                    Optional<String> have = source.present(dir, item);
                    have.ifPresent(digest -> present.put(item.key(), digest));
                }
            }
        }
        VendorPlan plan = VendorPlan.decide(wanted, config, present);
        for (VendorSource source : sources) {
            List<VendorItem> mine = plan.toCopy().stream().filter(i -> byKind.get(i.kind()) == source).toList();
            if (!mine.isEmpty()) {
                source.copy(dir, mine);
            }
        }
        List<VendorItem> vendored = plan.vendored();
        List<String> paths = vendored.stream().map(i -> byKind.get(i.kind()).path(i)).toList();
        try {
            VendorManifest.write(dir, VendorManifest.bytes(vendored, paths));
        } catch (IOException e) {
            throw new TwoliterException(ErrorCategory.FAILURE, "cannot write '" + dir.resolve(VendorManifest.FILE)
                    + "': " + e.getMessage(), e);
        }
        return plan;
    }
}
