package pubsys.ami.snapshot;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.TreeMap;
import java.util.TreeSet;

/** Sparse test images and an independent computation of the block checksums EBS expects for them. */
public final class SparseImages {
    public static final int BLOCK = 524288;

    private SparseImages() {
    }

    /** A file of {@code size} bytes, zero except {@code data} written at each offset. */
    public static Path write(Path file, long size, long[] offsets, byte[][] data) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(size);
            for (int i = 0; i < offsets.length; i++) {
                f.seek(offsets[i]);
                f.write(data[i]);
            }
        }
        return file;
    }

    /**
     * Block index to raw SHA-256 of every block that is not all zeros (the last one zero-padded). Only the blocks
     * that {@link #write} touched are read: the rest of a sparse file is zeros by construction.
     */
    public static TreeMap<Integer, byte[]> nonZeroBlockDigests(Path file, long[] offsets, byte[][] data)
            throws IOException {
        TreeSet<Integer> touched = new TreeSet<>();
        for (int i = 0; i < offsets.length; i++) {
            for (long b = offsets[i] / BLOCK; b <= (offsets[i] + data[i].length - 1) / BLOCK; b++) {
                touched.add((int) b);
            }
        }
        TreeMap<Integer, byte[]> out = new TreeMap<>();
        byte[] zeros = new byte[BLOCK];
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
            for (int i : touched) {
                byte[] block = new byte[BLOCK];
                f.seek((long) i * BLOCK);
                f.readFully(block, 0, (int) Math.min(BLOCK, f.length() - (long) i * BLOCK));
                if (!Arrays.equals(block, zeros)) {
                    out.put(i, sha256().digest(block));
                }
            }
        }
        return out;
    }

    /** base64(SHA-256(digest 1 || digest 2 || ...)) in block order. */
    public static String linear(TreeMap<Integer, byte[]> digests) {
        MessageDigest d = sha256();
        digests.values().forEach(d::update);
        return Base64.getEncoder().encodeToString(d.digest());
    }

    public static String base64(byte[] digest) {
        return Base64.getEncoder().encodeToString(digest);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
