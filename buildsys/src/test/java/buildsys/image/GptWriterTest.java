package buildsys.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import buildsys.manifest.ImageLayout;
import buildsys.manifest.PartitionPlan;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class GptWriterTest {
    private static final ImageLayout SPLIT_2 = new ImageLayout(2, 1, 22, PartitionPlan.SPLIT);

    @TempDir
    Path dir;

    static Stream<Arguments> plans() {
        return Stream.of(
                Arguments.of("2 GiB split, in-place updates", SPLIT_2, true),
                Arguments.of("4 GiB split, in-place updates", new ImageLayout(4, 1, 22, PartitionPlan.SPLIT), true),
                Arguments.of("2 GiB split, no in-place updates", SPLIT_2, false),
                Arguments.of("2+1 GiB unified", new ImageLayout(2, 1, 22, PartitionPlan.UNIFIED), true),
                Arguments.of("4+1 GiB unified", new ImageLayout(4, 1, 22, PartitionPlan.UNIFIED), true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("plans")
    void write_thenRead_returnsEveryPlannedPartition(String name, ImageLayout layout, boolean inPlaceUpdates)
            throws Exception {
        DiskPlan plan = PartitionPlanner.plan(layout, inPlaceUpdates);

        assertRoundTrip(plan.osDisk(), TestDisks.sparse(dir, "os.img", plan.osDiskMib()));
        if (plan.dataDisk().isPresent()) {
            assertRoundTrip(plan.dataDisk().get(), TestDisks.sparse(dir, "data.img", plan.dataDiskMib()));
        }
    }

    private static void assertRoundTrip(PartitionTable table, Path image) throws Exception {
        GptDisk written = TestDisks.write(image, table);
        GptDisk read = GptReader.read(image);

        assertThat(read).isEqualTo(written);
        assertThat(Files.size(image)).isEqualTo(read.sectors() * 512);
        assertThat(read.diskGuid()).isEqualTo(TestDisks.guid(0));
        long random = 1;
        List<GptEntry> expected = new ArrayList<>();
        for (Partition p : table.partitions()) {
            UUID guid = p.fixedGuid().isPresent() ? p.fixedGuid().get() : TestDisks.guid(random++);
            expected.add(new GptEntry(expected.size() + 1, p.label(), p.type(), guid, p.startMib() * 2048,
                    (p.startMib() + p.sizeMib()) * 2048 - 1, p.attributes()));
        }
        assertThat(read.entries()).containsExactlyElementsOf(expected);
    }

    @Test
    void write_split2Gib_bootAHasGptprioBitsAndDataAHasTheFallbackGuid() throws Exception {
        Path image = TestDisks.sparse(dir, "os.img", 2048);
        TestDisks.write(image, PartitionPlanner.plan(SPLIT_2, true).osDisk());

        GptDisk disk = GptReader.read(image);

        GptEntry bootA = disk.entry("BOTTLEROCKET-BOOT-A").orElseThrow();
        assertThat(bootA.number()).isEqualTo(3);
        assertThat(bootA.attributes()).isEqualTo(0x0101_0000_0000_0000L);
        assertThat(disk.entry("BOTTLEROCKET-BOOT-B").orElseThrow().attributes()).isZero();
        GptEntry dataA = disk.entries().get(12);
        assertThat(dataA.name()).isEmpty();
        assertThat(dataA.guid()).isEqualTo(PartitionTypes.DATA_FALLBACK_GUID);
        assertThat(dataA.lastLba()).isEqualTo(4192255);
    }

    // The goldens were written by sgdisk with the same GUIDs (make-golden.sh beside them): the protective MBR, both
    // headers and both arrays must be byte-identical.
    @ParameterizedTest
    @MethodSource("goldens")
    void write_matchesSgdiskByteForByte(String golden, DiskPlan plan, boolean dataDisk) throws Exception {
        long mib = dataDisk ? plan.dataDiskMib() : plan.osDiskMib();
        Path image = TestDisks.sparse(dir, "disk.img", mib);
        TestDisks.write(image, dataDisk ? plan.dataDisk().orElseThrow() : plan.osDisk());

        long size = mib * 1024 * 1024;
        ByteArrayOutputStream actual = new ByteArrayOutputStream();
        actual.write(TestDisks.read(image, 0, 34 * 512));
        actual.write(TestDisks.read(image, size - 33 * 512, 33 * 512));
        assertThat(actual.toByteArray()).isEqualTo(golden(golden));
    }

    static Stream<Arguments> goldens() {
        return Stream.of(
                Arguments.of("split-2g-ipu-os", PartitionPlanner.plan(SPLIT_2, true), false),
                Arguments.of("split-1g-data", PartitionPlanner.plan(SPLIT_2, true), true),
                Arguments.of("split-2g-no-ipu-os", PartitionPlanner.plan(SPLIT_2, false), false),
                Arguments.of("unified-2g-1g-ipu-os",
                        PartitionPlanner.plan(new ImageLayout(2, 1, 22, PartitionPlan.UNIFIED), true), false));
    }

    private static byte[] golden(String name) throws IOException {
        try (InputStream in = GptWriterTest.class.getResourceAsStream(name + ".gpt.gz")) {
            assertThat(in).as("golden " + name).isNotNull();
            return new GZIPInputStream(in).readAllBytes();
        }
    }

    @Test
    void write_keepsBootCodeAndFileSize() throws Exception {
        Path image = TestDisks.sparse(dir, "os.img", 2048);
        byte[] bootCode = "GRUB boot.img".getBytes(StandardCharsets.US_ASCII);
        TestDisks.overwrite(image, 0, bootCode);

        TestDisks.write(image, PartitionPlanner.plan(SPLIT_2, true).osDisk());

        assertThat(TestDisks.read(image, 0, bootCode.length)).isEqualTo(bootCode);
        assertThat(Files.size(image)).isEqualTo(2048L * 1024 * 1024);
    }

    @Test
    void write_diskSmallerThanThePlan_isRejected() throws Exception {
        Path image = TestDisks.sparse(dir, "os.img", 1024);

        try (FileChannel disk = FileChannel.open(image, StandardOpenOption.WRITE)) {
            assertThatThrownBy(() -> new GptWriter().write(disk, PartitionPlanner.plan(SPLIT_2, true).osDisk()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("partition 'BOOT-B' spans sectors 2068480-2150399, outside the usable sectors"
                            + " 34-2097118 of a disk of 2097152 sectors; the image file is smaller than its"
                            + " partition plan");
        }
        assertThat(TestDisks.read(image, 512, 8)).containsOnly(0);
    }

    @Test
    void write_randomGuids_differPerPartition() throws Exception {
        Path image = TestDisks.sparse(dir, "os.img", 2048);
        GptDisk disk;
        try (FileChannel channel = FileChannel.open(image, StandardOpenOption.WRITE)) {
            disk = new GptWriter().write(channel, PartitionPlanner.plan(SPLIT_2, true).osDisk());
        }

        assertThat(disk.entries()).extracting(GptEntry::guid).doesNotHaveDuplicates()
                .doesNotContain(disk.diskGuid());
    }
}
