package pubsys.ami.snapshot;

/**
 * Where an upload stands: blocks handled (uploaded or skipped because they are all zeros) out of all blocks, and the
 * bytes actually sent.
 */
public record UploadProgress(String file, long blocksDone, long blocksTotal, long blocksUploaded, long bytesUploaded) {
}
