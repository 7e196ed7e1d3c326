package pubsys.ami.snapshot;

/**
 * Receives upload progress, one call at a time (never concurrently) but from the uploader's worker threads; the CLI
 * draws a bar with it. A listener that throws aborts the upload.
 */
@FunctionalInterface
public interface ProgressListener {
    void progress(UploadProgress progress);

    ProgressListener NONE = p -> {
    };
}
