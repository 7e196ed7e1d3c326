package twoliter.kits;

import common.TwoliterException;
import java.nio.file.Path;

/** Opens the {@link ImageSource} of a project image; the port the registry and tests plug into. */
public interface ImageSources {
    ImageSource open(ProjectImage image) throws TwoliterException;

    /**
     * Registries through {@link oci.OciClient} (created on first use), local paths as OCI layouts; a local kit
     * archive is unpacked within {@code limits}.
     */
    static ImageSources standard(UnpackLimits limits) {
        return new StandardImageSources(false, limits);
    }

    /** Local path overrides only: an image that would need a registry is an error ({@code --offline}). */
    static ImageSources offline(UnpackLimits limits) {
        return new StandardImageSources(true, limits);
    }

    /** Kits from a vendor directory's {@code kits/} first, else {@code fallback} (issue 7 item 6). */
    static ImageSources vendored(Path kitsDir, ImageSources fallback) {
        return new VendoredImageSources(kitsDir, fallback);
    }
}
