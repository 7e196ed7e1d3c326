package pubsys.ami.snapshot;

/**
 * The shape of an EBS snapshot made from an image of {@code imageBytes} bytes with EBS's {@code blockSize}: the
 * volume size in whole GiB (rounded up, at least 1) and the number of blocks (the last one may be short and is
 * zero-padded when uploaded), as upstream's coldsnap computes them (pubsys.md §10 step 4c).
 */
public record SnapshotGeometry(long imageBytes, int blockSize) {
    public static final long GIB = 1L << 30;
    /** The block size EBS direct returns from StartSnapshot today; the uploader always uses the returned value. */
    public static final int EBS_BLOCK_SIZE = 512 * 1024;

    public SnapshotGeometry {
        if (imageBytes < 0) {
            throw new IllegalArgumentException("image size must not be negative, got " + imageBytes);
        }
        if (blockSize <= 0) {
            throw new IllegalArgumentException("block size must be positive, got " + blockSize);
        }
    }

    /** The StartSnapshot {@code VolumeSize}: ceil(size / GiB), at least 1. */
    public long volumeSizeGiB() {
        return Math.max(1, ceilDiv(imageBytes, GIB));
    }

    /** ceil(size / block size): the blocks that are read, uploaded or skipped. */
    public long blockCount() {
        return ceilDiv(imageBytes, blockSize);
    }

    private static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }
}
