package pubsys.ami.snapshot;

import common.TwoliterException;

/** Turns a local disk image into an EBS snapshot. */
public interface SnapshotUploader {
    /**
     * Creates a snapshot, uploads every non-zero block of the image and completes it. When it fails after
     * {@link UploadListener#started} the snapshot is left as it is: deleting it is the caller's business.
     */
    UploadedSnapshot upload(SnapshotRequest request, UploadListener listener) throws TwoliterException;
}
