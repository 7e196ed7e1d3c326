package buildsys.image;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import buildsys.manifest.ImageLayout;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class GptReaderTest {
    private static final long SIZE = 2048L * 1024 * 1024;
    private static final long LAST_LBA = SIZE / 512 - 1;
    /** Where entry 3 (BOOT-A) keeps its name within an array. */
    private static final long BOOT_A_NAME = 2 * 128 + 56;

    @TempDir
    Path dir;
    private Path image;

    @BeforeEach
    void partition() throws Exception {
        image = TestDisks.sparse(dir, "os.img", 2048);
        TestDisks.write(image, PartitionPlanner.plan(ImageLayout.DEFAULT, true).osDisk());
    }

    static Stream<Arguments> corruptions() {
        return Stream.of(
                Arguments.of("primary entry", 2 * 512 + BOOT_A_NAME, "has a primary GPT partition array with CRC32"),
                Arguments.of("backup entry", (LAST_LBA - 32) * 512 + BOOT_A_NAME,
                        "has a backup GPT partition array with CRC32"),
                Arguments.of("primary header disk GUID", 512 + 56, "primary GPT header of"),
                Arguments.of("backup header disk GUID", LAST_LBA * 512 + 56, "backup GPT header of"),
                Arguments.of("primary header signature", 512, "has no 'EFI PART' signature"),
                Arguments.of("MBR signature", 510, "has no protective MBR in sector 0"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corruptions")
    void read_oneCorruptByte_isReported(String what, long offset, String message) throws Exception {
        TestDisks.flipByte(image, offset);

        assertThatThrownBy(() -> GptReader.read(image))
                .isInstanceOf(InvalidGptException.class)
                .hasMessageContaining("'" + image + "'")
                .hasMessageContaining(message);
    }

    @Test
    void read_corruptEntry_namesBothChecksums() throws Exception {
        TestDisks.flipByte(image, 2 * 512 + BOOT_A_NAME);

        assertThatThrownBy(() -> GptReader.read(image))
                .hasMessageMatching("disk image '.*' has a primary GPT partition array with CRC32 0x[0-9a-f]{8} but"
                        + " its header records 0x[0-9a-f]{8}; the partition entries are corrupt, build the image"
                        + " again");
    }

    @Test
    void read_corruptHeader_saysWhichHeader() throws Exception {
        TestDisks.flipByte(image, 512 + 56);

        assertThatThrownBy(() -> GptReader.read(image))
                .hasMessageMatching("the primary GPT header of '.*' has CRC32 0x[0-9a-f]{8} but records"
                        + " 0x[0-9a-f]{8}; the header is corrupt, build the image again");
    }

    @Test
    void read_backupOfAnotherTable_isReported() throws Exception {
        // A valid backup GPT, but of the single-bank table.
        Path other = TestDisks.sparse(dir, "other.img", 2048);
        TestDisks.write(other, PartitionPlanner.plan(ImageLayout.DEFAULT, false).osDisk());
        TestDisks.overwrite(image, SIZE - 33 * 512, TestDisks.read(other, SIZE - 33 * 512, 33 * 512));

        assertThatThrownBy(() -> GptReader.read(image))
                .hasMessage("disk image '" + image + "' has a backup GPT that does not match the primary one");
    }

    @Test
    void read_imageGrownAfterPartitioning_isReported() throws Exception {
        try (RandomAccessFile raf = new RandomAccessFile(image.toFile(), "rw")) {
            raf.setLength(SIZE + 1024 * 1024);
        }

        assertThatThrownBy(() -> GptReader.read(image))
                .hasMessage("disk image '" + image + "' has its backup GPT header at sector " + LAST_LBA
                        + " but its last sector is " + (LAST_LBA + 2048)
                        + "; the image was resized after it was partitioned");
    }

    @Test
    void read_blankImage_hasNoProtectiveMbr() throws Exception {
        Path blank = TestDisks.sparse(dir, "blank.img", 1);

        assertThatThrownBy(() -> GptReader.read(blank))
                .hasMessage("disk image '" + blank + "' has no protective MBR in sector 0");
    }
}
