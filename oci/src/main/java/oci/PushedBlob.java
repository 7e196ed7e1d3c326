package oci;

import java.util.Objects;

/** The outcome of pushing one blob: its digest and size, and whether the registry already had it. */
public record PushedBlob(Digest digest, long size, boolean alreadyPresent) {
    public PushedBlob {
        Objects.requireNonNull(digest, "digest");
    }
}
