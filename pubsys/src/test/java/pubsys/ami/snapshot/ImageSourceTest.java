package pubsys.ami.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import common.ErrorCategory;
import common.TwoliterException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import net.jpountz.lz4.LZ4FrameOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageSourceTest {
    @TempDir
    Path dir;

    private byte[] content(int size) {
        byte[] b = new byte[size];
        new Random(7).nextBytes(b);
        return b;
    }

    @Test
    void open_rawFile_sizeFromTheFile() throws Exception {
        Path raw = Files.write(dir.resolve("os.img"), content(1000));

        ImageSource source = ImageSource.open(raw);

        assertThat(source.compressed()).isFalse();
        assertThat(source.size()).isEqualTo(1000);
        assertThat(source.sizeOrigin()).isEqualTo(ImageSource.SizeOrigin.FILE);
    }

    @Test
    void openRaw_rawFileOfUnalignedSize_readsExactlyItsBytes() throws Exception {
        byte[] data = content((1 << 20) * 2 + 123);
        Path raw = Files.write(dir.resolve("os.img"), data);

        try (InputStream in = ImageSource.open(raw).openRaw()) {
            assertThat(in.readAllBytes()).isEqualTo(data);
        }
    }

    @Test
    void open_lz4WithoutContentSize_countsTheDecompressedBytes() throws Exception {
        byte[] data = content(300_000);
        Path lz4 = dir.resolve("os.img.lz4");
        try (OutputStream out = new LZ4FrameOutputStream(Files.newOutputStream(lz4))) {
            out.write(data);
        }

        ImageSource source = ImageSource.open(lz4);

        assertThat(source.compressed()).isTrue();
        assertThat(source.size()).isEqualTo(300_000);
        assertThat(source.sizeOrigin()).isEqualTo(ImageSource.SizeOrigin.LZ4_COUNTED);
        try (InputStream in = source.openRaw()) {
            assertThat(in.readAllBytes()).isEqualTo(data);
        }
    }

    @Test
    void open_lz4WithContentSize_takesTheSizeFromTheHeader() throws Exception {
        byte[] data = content(300_000);
        Path lz4 = dir.resolve("os.img.lz4");
        try (OutputStream out = new LZ4FrameOutputStream(Files.newOutputStream(lz4),
                LZ4FrameOutputStream.BLOCKSIZE.SIZE_4MB, data.length, LZ4FrameOutputStream.FLG.Bits.BLOCK_INDEPENDENCE,
                LZ4FrameOutputStream.FLG.Bits.CONTENT_SIZE)) {
            out.write(data);
        }

        ImageSource source = ImageSource.open(lz4);

        assertThat(source.size()).isEqualTo(300_000);
        assertThat(source.sizeOrigin()).isEqualTo(ImageSource.SizeOrigin.LZ4_HEADER);
    }

    @Test
    void open_lz4NameWithoutFrame_isBadInputQuotingThePath() throws IOException {
        Path fake = Files.write(dir.resolve("os.img.lz4"), content(100));

        assertThatThrownBy(() -> ImageSource.open(fake)).isInstanceOf(TwoliterException.class)
                .hasMessageContaining("'" + fake + "' is named .lz4 but does not start with an LZ4 frame")
                .extracting(e -> ((TwoliterException) e).category()).isEqualTo(ErrorCategory.BAD_INPUT);
    }

    @Test
    void open_missingFile_isBadInput() {
        Path missing = dir.resolve("nope.img");

        assertThatThrownBy(() -> ImageSource.open(missing)).isInstanceOf(TwoliterException.class)
                .hasMessageContaining("image '" + missing + "' does not exist");
    }

    @Test
    void open_emptyFile_isBadInput() throws IOException {
        Path empty = Files.write(dir.resolve("empty.img"), new byte[0]);

        assertThatThrownBy(() -> ImageSource.open(empty)).isInstanceOf(TwoliterException.class)
                .hasMessageContaining("is empty");
    }
}
