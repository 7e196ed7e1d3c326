package twoliter.vendor;

import common.TwoliterException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** One kind of thing a vendor directory holds (external files, kits, the SDK): what is wanted, what is there, copy. */
public interface VendorSource {
    /** Every item of this kind the targets need. */
    List<VendorItem> wanted() throws TwoliterException;

    /** The digest of the item as the vendor directory holds it, if it holds it. */
    Optional<String> present(Path vendorDir, VendorItem item) throws TwoliterException;

    /** Where the item sits, relative to the vendor directory. */
    String path(VendorItem item);

    /** Copies the items into the vendor directory, each one atomically. */
    void copy(Path vendorDir, List<VendorItem> items) throws TwoliterException;
}
