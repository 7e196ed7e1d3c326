package oci;

import java.util.Objects;

/** A manifest or index as the registry served it: the exact bytes, their media type, and their digest. */
public record Manifest(byte[] content, String mediaType, Digest digest) {
    public Manifest {
        content = Objects.requireNonNull(content, "content").clone();
        Objects.requireNonNull(mediaType, "mediaType");
        Objects.requireNonNull(digest, "digest");
    }

    @Override
    public byte[] content() {
        return content.clone();
    }

    public boolean isIndex() {
        return MediaTypes.isIndex(mediaType);
    }
}
