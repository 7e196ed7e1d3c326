package twoliter.kits;

import common.TwoliterException;
import oci.ImageRef;
import oci.OciClient;

/**
 * The production {@link ImageSources}: a local path override wins, else the registry at the project URI. Offline, a
 * registry is never contacted: an image that would need one is an error saying how to get it.
 */
final class StandardImageSources implements ImageSources {
    private final boolean offline;
    private final UnpackLimits limits;
    private OciClient client;

    StandardImageSources(boolean offline, UnpackLimits limits) {
        this.offline = offline;
        this.limits = limits;
    }

    @Override
    public ImageSource open(ProjectImage image) throws TwoliterException {
        if (image.localPath().isPresent()) {
            return LocalImageSource.open(image.localPath().get(), image.image().name(), limits);
        }
        if (offline) {
            throw TwoliterException.badInput("--offline: kit '" + image.image().name() + "' of vendor '"
                    + image.image().vendor() + "' would have to come from '" + image.pullUri() + "'; run 'twoliter"
                    + " fetch' without --offline, or vendor it with 'twoliter vendor' and pass --vendor-dir");
        }
        if (client == null) {
            client = OciClient.create();
        }
        return new RegistryImageSource(client, ImageRef.parse(image.pullUri()));
    }
}
