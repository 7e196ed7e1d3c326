package pubsys.ami.snapshot;

import java.util.Objects;

/** A snapshot whose blocks are all uploaded and which CompleteSnapshot accepted; EBS may still be finishing it. */
public record UploadedSnapshot(String id, long volumeSizeGiB, int blockSize, long blocksTotal, int blocksUploaded) {
    public UploadedSnapshot {
        Objects.requireNonNull(id);
    }
}
