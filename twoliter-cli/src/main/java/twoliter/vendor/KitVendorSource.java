package twoliter.vendor;

import common.Arch;
import common.TwoliterException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import twoliter.kits.ImageSources;
import twoliter.kits.Kits;
import twoliter.project.Project;
import twoliter.project.TwoliterLock;
import twoliter.project.TwoliterLock.LockedImage;

/** The kits of Twoliter.lock as OCI image layouts {@code DIR/kits/<vendor>/<kit>/}, named by the lock digest. */
public final class KitVendorSource implements VendorSource {
    private final Project project;
    private final Set<Arch> arches;
    private final ImageSources sources;

    public KitVendorSource(Project project, Set<Arch> arches, ImageSources sources) {
        this.project = project;
        this.arches = Set.copyOf(arches);
        this.sources = sources;
    }

    @Override
    public List<VendorItem> wanted() throws TwoliterException {
        TwoliterLock lock = Kits.checkLock(project);
        // A kit built from source (Twoliter.override path to its project) has no image to vendor.
        List<VendorItem> items = new ArrayList<>();
        for (LockedImage kit : lock.kits()) {
            if (!Kits.builtFromSource(project, kit)) {
                items.add(new VendorItem(VendorItem.Kind.KIT, kit.name(), kit.digest()));
            }
        }
        return items;
    }

    @Override
    public Optional<String> present(Path vendorDir, VendorItem item) throws TwoliterException {
        return Kits.layoutDigest(vendorDir.resolve(path(item)));
    }

    @Override
    public String path(VendorItem item) {
        LockedImage kit = locked(item);
        return VendorItem.Kind.KIT.dir() + "/" + kit.vendor() + "/" + kit.name();
    }

    @Override
    public void copy(Path vendorDir, List<VendorItem> items) throws TwoliterException {
        for (VendorItem item : items) {
            Kits.copyToLayout(project, locked(item), arches, vendorDir.resolve(path(item)), sources);
        }
    }

    private LockedImage locked(VendorItem item) {
        return project.lock().orElseThrow().kits().stream().filter(k -> k.name().equals(item.name())).findFirst()
                .orElseThrow();
    }
}
