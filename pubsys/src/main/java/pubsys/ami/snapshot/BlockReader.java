package pubsys.ami.snapshot;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Objects;

/**
 * Cuts a raw image stream into EBS blocks in index order: each block is {@code blockSize} bytes, the last one padded
 * with zeros. It insists that the stream holds exactly the size announced at StartSnapshot, so an image that
 * changed (or an lz4 frame whose header lied) fails the upload instead of producing a wrong snapshot.
 */
final class BlockReader {
    /** One block: its index and a buffer of exactly the block size that the reader does not touch again. */
    record Block(int index, byte[] data, boolean zero) {
    }

    private final InputStream in;
    private final int blockSize;
    private final long expectedBytes;
    private final String name;
    private final byte[] zeros;
    private long read;
    private int next;

    BlockReader(InputStream in, int blockSize, long expectedBytes, String name) {
        this.in = Objects.requireNonNull(in);
        this.blockSize = blockSize;
        this.expectedBytes = expectedBytes;
        this.name = name;
        this.zeros = new byte[blockSize];
    }

    /** The next block, or null after the last one. */
    Block next() throws IOException {
        if (read >= expectedBytes) {
            if (in.read() >= 0) {
                throw new IOException("'" + name + "' holds more than the " + expectedBytes + " bytes it had when"
                        + " the upload started; do not change an image while it is uploaded");
            }
            return null;
        }
        byte[] data = new byte[blockSize];
        int wanted = (int) Math.min(blockSize, expectedBytes - read);
        int got = in.readNBytes(data, 0, wanted);
        if (got < wanted) {
            throw new IOException("'" + name + "' ended after " + (read + got) + " bytes, expected "
                    + expectedBytes + "; do not change an image while it is uploaded");
        }
        read += got;
        // Arrays.equals over whole arrays is vectorised, so skipping zero blocks costs little next to reading them.
        return new Block(next++, data, Arrays.equals(data, zeros));
    }
}
