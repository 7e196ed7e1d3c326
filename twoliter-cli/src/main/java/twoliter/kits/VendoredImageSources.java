package twoliter.kits;

import common.TwoliterException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Kits from a vendor directory's {@code kits/<vendor>/<kit>/} layouts before (instead of) their registry; offline,
 * a kit missing there is an error rather than a registry request.
 */
final class VendoredImageSources implements ImageSources {
    private final Path kitsDir;
    private final ImageSources fallback;
    private final boolean offline;

    VendoredImageSources(Path kitsDir, ImageSources fallback, boolean offline) {
        this.kitsDir = kitsDir;
        this.fallback = fallback;
        this.offline = offline;
    }

    @Override
    public ImageSource open(ProjectImage image) throws TwoliterException {
        Path layout = kitsDir.resolve(image.image().vendor()).resolve(image.image().name());
        if (Files.isRegularFile(layout.resolve("index.json"))) {
            return LocalImageSource.open(layout, image.image().name());
        }
        if (offline) {
            throw TwoliterException.badInput("--offline: kit '" + image.image().name() + "' of vendor '"
                    + image.image().vendor() + "' is not in the vendor directory ('" + layout + "' has no"
                    + " index.json); run 'twoliter vendor' with the network to add it");
        }
        return fallback.open(image);
    }
}
