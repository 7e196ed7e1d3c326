package pubsys.ami.snapshot;

import common.ErrorCategory;
import common.TwoliterException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import net.jpountz.lz4.LZ4FrameInputStream;

/**
 * A disk image to upload: a raw file, or an LZ4 frame file as the {@code lz4} tool writes it ({@code .img.lz4}),
 * which is decompressed as a stream, never to a temporary copy. The raw size of a compressed image is the frame's
 * content-size field when the writer filled it in ({@code lz4 --content-size}); otherwise one streaming
 * decompression pass counts it before the upload starts, because StartSnapshot needs the volume size up front.
 */
public final class ImageSource {
    /** How the raw size was learnt. */
    public enum SizeOrigin { FILE, LZ4_HEADER, LZ4_COUNTED }

    private static final byte[] LZ4_FRAME_MAGIC = {0x04, 0x22, 0x4D, 0x18};
    private static final byte[] LZ4_LEGACY_MAGIC = {0x02, 0x21, 0x4C, 0x18};
    private static final int READ_BUFFER = 1 << 20;

    private final Path path;
    private final boolean compressed;
    private final long size;
    private final SizeOrigin sizeOrigin;

    private ImageSource(Path path, boolean compressed, long size, SizeOrigin sizeOrigin) {
        this.path = path;
        this.compressed = compressed;
        this.size = size;
        this.sizeOrigin = sizeOrigin;
    }

    /** Inspects {@code path}: raw or LZ4 frame (by its magic number), and its raw size. */
    public static ImageSource open(Path path) throws TwoliterException {
        try {
            if (!Files.isRegularFile(path)) {
                throw new NoSuchFileException(path.toString());
            }
            byte[] magic;
            try (InputStream in = Files.newInputStream(path)) {
                magic = in.readNBytes(4);
            }
            if (Arrays.equals(magic, LZ4_LEGACY_MAGIC)) {
                throw TwoliterException.badInput("image '" + path + "' is in the legacy lz4 format; compress it"
                        + " with plain 'lz4' (frame format) or pass the uncompressed image");
            }
            if (!Arrays.equals(magic, LZ4_FRAME_MAGIC)) {
                if (path.getFileName().toString().endsWith(".lz4")) {
                    throw TwoliterException.badInput("image '" + path + "' is named .lz4 but does not start with"
                            + " an LZ4 frame; recompress it with 'lz4' or pass the uncompressed image");
                }
                long bytes = Files.size(path);
                return new ImageSource(path, false, requireNonEmpty(path, bytes), SizeOrigin.FILE);
            }
            return compressed(path);
        } catch (NoSuchFileException e) {
            throw TwoliterException.badInput("image '" + path + "' does not exist; build the variant first or"
                    + " check the path");
        } catch (IOException e) {
            throw new TwoliterException(ErrorCategory.FAILURE, "cannot read image '" + path + "': " + e.getMessage(),
                    e);
        }
    }

    private static ImageSource compressed(Path path) throws IOException, TwoliterException {
        // The lz4 tool writes one frame per file; its header carries the content size only with --content-size.
        // When there is more than one frame, the header's size covers the first only and the upload fails when the
        // stream turns out longer than announced.
        try (LZ4FrameInputStream first = new LZ4FrameInputStream(
                new BufferedInputStream(Files.newInputStream(path)), true)) {
            if (first.isExpectedContentSizeDefined()) {
                return new ImageSource(path, true, requireNonEmpty(path, first.getExpectedContentSize()),
                        SizeOrigin.LZ4_HEADER);
            }
        }
        try (InputStream in = lz4(path)) {
            byte[] buffer = new byte[READ_BUFFER];
            long total = 0;
            for (int n; (n = in.read(buffer)) >= 0; ) {
                total += n;
            }
            return new ImageSource(path, true, requireNonEmpty(path, total), SizeOrigin.LZ4_COUNTED);
        }
    }

    private static long requireNonEmpty(Path path, long bytes) throws TwoliterException {
        if (bytes <= 0) {
            throw TwoliterException.badInput("image '" + path + "' is empty; an EBS snapshot needs at least one"
                    + " byte");
        }
        return bytes;
    }

    private static LZ4FrameInputStream lz4(Path path) throws IOException {
        return new LZ4FrameInputStream(new BufferedInputStream(Files.newInputStream(path), READ_BUFFER));
    }

    /** The raw bytes of the image, decompressed if needed; the caller closes it. */
    public InputStream openRaw() throws IOException {
        if (compressed) {
            return lz4(path);
        }
        try {
            return DirectFileInputStream.open(path);
        } catch (IOException | UnsupportedOperationException e) {
            return Files.newInputStream(path);
        }
    }

    public Path path() {
        return path;
    }

    public boolean compressed() {
        return compressed;
    }

    /** The raw (uncompressed) size in bytes. */
    public long size() {
        return size;
    }

    public SizeOrigin sizeOrigin() {
        return sizeOrigin;
    }
}
