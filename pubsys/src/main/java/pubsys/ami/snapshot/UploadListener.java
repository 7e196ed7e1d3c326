package pubsys.ami.snapshot;

import common.TwoliterException;

/**
 * What an upload tells its caller: the snapshot id as soon as the snapshot exists (before any block is sent, so the
 * caller can record it for cleanup) and then progress.
 */
public interface UploadListener extends ProgressListener {
    /** Called once, right after StartSnapshot; throwing aborts the upload (the snapshot then needs deleting). */
    void started(String snapshotId) throws TwoliterException;
}
