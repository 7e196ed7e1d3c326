package twoliter.kits;

import common.TwoliterException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Kits from a vendor directory's {@code kits/<vendor>/<kit>/} layouts before their registry. A local path override
 * still wins; offline, the fallback ({@link ImageSources#offline()}) refuses what the vendor directory lacks.
 */
final class VendoredImageSources implements ImageSources {
    private final Path kitsDir;
    private final ImageSources fallback;

    VendoredImageSources(Path kitsDir, ImageSources fallback) {
        this.kitsDir = kitsDir;
        this.fallback = fallback;
    }

    @Override
    public ImageSource open(ProjectImage image) throws TwoliterException {
        Path layout = kitsDir.resolve(image.image().vendor()).resolve(image.image().name());
        if (image.localPath().isEmpty() && Files.isRegularFile(layout.resolve("index.json"))) {
            return LocalImageSource.open(layout, image.image().name(), UnpackLimits.DEFAULT);
        }
        return fallback.open(image);
    }
}
