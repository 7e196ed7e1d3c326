package twoliter.kits;

import common.TwoliterException;
import oci.ImageRef;
import oci.OciClient;

/** The production {@link ImageSources}: a local path override wins, else the registry at the project URI. */
final class StandardImageSources implements ImageSources {
    private OciClient client;

    @Override
    public ImageSource open(ProjectImage image) throws TwoliterException {
        if (image.localPath().isPresent()) {
            return LocalImageSource.open(image.localPath().get(), image.image().name());
        }
        if (client == null) {
            client = OciClient.create();
        }
        return new RegistryImageSource(client, ImageRef.parse(image.pullUri()));
    }
}
