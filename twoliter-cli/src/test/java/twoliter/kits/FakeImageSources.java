package twoliter.kits;

import common.TwoliterException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import oci.Digest;

/** Registry images in memory, by pull URI; records every open so tests can assert no network was needed. */
final class FakeImageSources implements ImageSources {
    final Map<String, TestKitImage> images = new HashMap<>();
    final List<String> opened = new ArrayList<>();
    final List<Digest> downloaded = new ArrayList<>();

    FakeImageSources put(String uri, TestKitImage image) {
        images.put(uri, image);
        return this;
    }

    @Override
    public ImageSource open(ProjectImage image) throws TwoliterException {
        if (image.localPath().isPresent()) {
            return ImageSources.standard(UnpackLimits.DEFAULT).open(image);
        }
        String uri = image.pullUri();
        opened.add(uri);
        TestKitImage found = images.get(uri);
        if (found == null) {
            throw TwoliterException.badInput("no image '" + uri + "' in the fake registry");
        }
        return new ImageSource() {
            @Override
            public String location() {
                return uri;
            }

            @Override
            public byte[] topDocument() {
                return found.index();
            }

            @Override
            public byte[] manifest(Digest digest) throws TwoliterException {
                return blob(digest);
            }

            @Override
            public byte[] blob(Digest digest) throws TwoliterException {
                byte[] bytes = found.blobs().get(digest);
                if (bytes == null) {
                    throw TwoliterException.badInput("no blob '" + digest + "' in '" + uri + "'");
                }
                return bytes.clone();
            }

            @Override
            public Path blobFile(Digest digest, Path cacheDir) throws TwoliterException {
                Path target = cacheDir.resolve("blobs/sha256").resolve(digest.hex());
                if (!Files.exists(target)) {
                    downloaded.add(digest);
                    try {
                        Files.createDirectories(target.getParent());
                        Files.write(target, blob(digest));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
                return target;
            }

            @Override
            public void close() {
            }
        };
    }
}
