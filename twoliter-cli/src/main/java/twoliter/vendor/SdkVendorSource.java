package twoliter.vendor;

import buildsys.container.RuntimeProvider;
import buildsys.exec.ExecutionRequest;
import common.TwoliterException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The SDK image as {@code DIR/sdk/<repo>_<tag>.tar} ({@code docker save}). Its digest is the image id; an archive
 * already there is known by the id vendor-manifest.json recorded for it, so re-running does not re-save it.
 */
public final class SdkVendorSource implements VendorSource {
    /** Makes an SDK image exist in the engine (builds the in-tree recipe or pulls) when it is missing. */
    @FunctionalInterface
    public interface Maker {
        void make(String image) throws TwoliterException;
    }

    private final List<String> images;
    private final RuntimeProvider runtime;
    private final Maker maker;
    private final Path vendorDir;

    /** The engine is opened through {@code runtime} on first use; the caller closes what it opened. */
    public SdkVendorSource(List<String> images, RuntimeProvider runtime, Maker maker, Path vendorDir) {
        this.images = List.copyOf(images);
        this.runtime = runtime;
        this.maker = maker;
        this.vendorDir = vendorDir;
    }

    @Override
    public List<VendorItem> wanted() throws TwoliterException {
        VendorConfig config = VendorConfig.read(vendorDir);
        java.util.ArrayList<VendorItem> wanted = new java.util.ArrayList<>();
        for (String image : images) {
            Optional<String> id = runtime.open().imageId(image);
            Optional<String> recorded = VendorManifest.recorded(vendorDir, VendorItem.Kind.SDK, image);
            if (id.isEmpty() && recorded.isPresent() && Files.isRegularFile(archive(image))) {
                wanted.add(new VendorItem(VendorItem.Kind.SDK, image, recorded.get()));
                continue;
            }
            VendorItem ignored = new VendorItem(VendorItem.Kind.SDK, image, "ignored");
            if (id.isEmpty() && config.ignores(ignored)) {
                wanted.add(ignored);
                continue;
            }
            if (id.isEmpty()) {
                maker.make(image);
                id = runtime.open().imageId(image);
            }
            wanted.add(new VendorItem(VendorItem.Kind.SDK, image, id.orElseThrow(() -> new IllegalStateException(
                    "the SDK image '" + image + "' is still missing after it was made"))));
        }
        return wanted;
    }

    @Override
    public Optional<String> present(Path dir, VendorItem item) {
        return Files.isRegularFile(archive(item.name()))
                ? VendorManifest.recorded(dir, VendorItem.Kind.SDK, item.name()) : Optional.empty();
    }

    @Override
    public String path(VendorItem item) {
        return VendorItem.Kind.SDK.dir() + "/" + ExecutionRequest.sdkArchiveName(item.name());
    }

    @Override
    public void copy(Path dir, List<VendorItem> items) throws TwoliterException {
        for (VendorItem item : items) {
            runtime.open().save(item.name(), archive(item.name()));
        }
    }

    private Path archive(String image) {
        return vendorDir.resolve(VendorItem.Kind.SDK.dir()).resolve(ExecutionRequest.sdkArchiveName(image));
    }
}
