package twoliter.kits;

import common.TwoliterException;

/** Opens the {@link ImageSource} of a project image; the port the registry and tests plug into. */
public interface ImageSources {
    ImageSource open(ProjectImage image) throws TwoliterException;

    /** Registries through {@link oci.OciClient} (created on first use), local paths as OCI layouts. */
    static ImageSources standard() {
        return new StandardImageSources();
    }

    /** Kits from a vendor directory's {@code kits/} first; offline, nothing else (issue 7 item 6). */
    static ImageSources vendored(java.nio.file.Path kitsDir, ImageSources fallback, boolean offline) {
        return new VendoredImageSources(kitsDir, fallback, offline);
    }
}
