package pubsys.ami.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import common.TwoliterException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import net.jpountz.lz4.LZ4FrameOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pubsys.aws.AwsClients;
import pubsys.aws.Sleeper;
import pubsys.infra.AwsConfig;
import pubsys.testing.AwsEmulator;

class AwsEbsSnapshotUploaderTest {
    private static final long GIB = 1L << 30;
    private static final String REGION = "us-west-2";

    @TempDir
    Path dir;

    private final AwsEmulator emu = AwsEmulator.start();
    private final AwsClients clients = emu.clients(AwsConfig.empty(), REGION);
    private final List<Duration> sleeps = new CopyOnWriteArrayList<>();
    private final List<UploadProgress> progress = new CopyOnWriteArrayList<>();
    private final List<String> started = new ArrayList<>();

    @AfterEach
    void stop() {
        clients.close();
        emu.close();
    }

    private UploadedSnapshot upload(Path image, int concurrency) throws TwoliterException {
        Sleeper recording = sleeps::add;
        return new AwsEbsSnapshotUploader(clients.ebs(REGION), REGION, recording,
                new AwsEbsSnapshotUploader.Options(concurrency, 12, Duration.ofSeconds(2)))
                .upload(new SnapshotRequest(image, image.getFileName().toString(), Map.of("twoliter:ami-name", "n")),
                        new UploadListener() {
                            @Override
                            public void started(String snapshotId) {
                                started.add(snapshotId);
                                // Nothing may have happened after StartSnapshot when the caller learns the id.
                                List<AwsEmulator.Call> calls = emu.calls();
                                assertThat(calls.get(calls.size() - 1).action()).isEqualTo("StartSnapshot");
                            }

                            @Override
                            public void progress(UploadProgress p) {
                                progress.add(p);
                            }
                        });
    }

    private static byte[] random(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    @Test
    void upload_oneGibPlusOneByteSparse_twoGibVolumeAndOnlyNonZeroBlocksOf2049() throws Exception {
        // given: data in block 0, block 1000 and the single byte of block 2048
        long[] offsets = {10, 1000L * 524288 + 5, GIB};
        byte[][] data = {random(100, 1), random(7, 2), {9}};
        Path image = SparseImages.write(dir.resolve("os.img"), GIB + 1, offsets, data);
        TreeMap<Integer, byte[]> expected = SparseImages.nonZeroBlockDigests(image, offsets, data);

        // when
        UploadedSnapshot snapshot = upload(image, 8);

        // then
        assertThat(expected).containsOnlyKeys(0, 1000, 2048);
        assertThat(snapshot.volumeSizeGiB()).isEqualTo(2);
        assertThat(snapshot.blocksTotal()).isEqualTo(2049);
        assertThat(snapshot.blocksUploaded()).isEqualTo(3);
        assertThat(started).containsExactly(snapshot.id());
        AwsEmulator.Call start = emu.calls("StartSnapshot").get(0);
        assertThat(start.params()).containsEntry("VolumeSize", "2").containsEntry("Description", "os.img")
                .containsEntry("Timeout", "10");
        assertThat(start.body()).contains("twoliter:ami-name");
        assertThat(emu.calls("PutSnapshotBlock")).extracting(c -> Integer.parseInt(c.params().get("BlockIndex")))
                .containsExactlyInAnyOrder(0, 1000, 2048);
        AwsEmulator.Call complete = emu.calls("CompleteSnapshot").get(0);
        assertThat(complete.params()).containsEntry("ChangedBlocksCount", "3")
                .containsEntry("ChecksumAggregationMethod", "LINEAR").containsEntry("ChecksumAlgorithm", "SHA256")
                .containsEntry("Checksum", SparseImages.linear(expected));
        AwsEmulator.FakeSnapshot fake = emu.snapshots(REGION).get(0);
        assertThat(fake.state()).isEqualTo("completed");
        assertThat(fake.blockChecksums()).isEqualTo(expected.entrySet().stream().collect(Collectors.toMap(
                Map.Entry::getKey, e -> SparseImages.base64(e.getValue()), (a, b) -> a, TreeMap::new)));
        assertThat(progress.get(progress.size() - 1)).isEqualTo(new UploadProgress("os.img", 2049, 2049, 3,
                3L * 524288));
    }

    @Test
    void upload_twoGibSparseWithSomeMiB_uploadsTheNonZeroBlocksAndTheirAggregate() throws Exception {
        long[] offsets = {100L << 20, (3L << 29) + 12345};
        byte[][] data = {random(3 << 20, 3), random(1 << 20, 4)};
        Path image = SparseImages.write(dir.resolve("big.img"), 2 * GIB, offsets, data);
        TreeMap<Integer, byte[]> expected = SparseImages.nonZeroBlockDigests(image, offsets, data);

        UploadedSnapshot snapshot = upload(image, 16);

        assertThat(expected).hasSize(6 + 3);
        assertThat(snapshot.volumeSizeGiB()).isEqualTo(2);
        assertThat(snapshot.blocksTotal()).isEqualTo(4096);
        assertThat(emu.calls("PutSnapshotBlock")).hasSize(expected.size());
        assertThat(emu.calls("CompleteSnapshot").get(0).params())
                .containsEntry("ChangedBlocksCount", String.valueOf(expected.size()))
                .containsEntry("Checksum", SparseImages.linear(expected));
        assertThat(emu.snapshots(REGION).get(0).state()).isEqualTo("completed");
    }

    @Test
    void upload_lz4Image_givesTheSameBlocksAsTheRawImage() throws Exception {
        byte[] raw = new byte[5 * 524288 + 1000];
        System.arraycopy(random(700_000, 5), 0, raw, 0, 700_000);
        System.arraycopy(random(1000, 6), 0, raw, raw.length - 1000, 1000);
        Path rawFile = Files.write(dir.resolve("os.img"), raw);
        Path lz4File = dir.resolve("os.img.lz4");
        try (OutputStream out = new LZ4FrameOutputStream(Files.newOutputStream(lz4File))) {
            out.write(raw);
        }

        UploadedSnapshot fromRaw = upload(rawFile, 4);
        UploadedSnapshot fromLz4 = upload(lz4File, 4);

        List<AwsEmulator.FakeSnapshot> snaps = emu.snapshots(REGION);
        assertThat(snaps).hasSize(2).allSatisfy(s -> assertThat(s.state()).isEqualTo("completed"));
        assertThat(snaps.get(1).blockChecksums()).isEqualTo(snaps.get(0).blockChecksums()).containsOnlyKeys(0, 1, 5);
        assertThat(fromLz4.volumeSizeGiB()).isEqualTo(fromRaw.volumeSizeGiB());
        assertThat(fromLz4.blocksTotal()).isEqualTo(6);
    }

    @Test
    void upload_blockFailsBeyondTheSdkRetries_isRetriedAfterTwoSecondsAndSucceeds() throws Exception {
        Path image = SparseImages.write(dir.resolve("os.img"), 3 * 524288, new long[] {0},
                new byte[][] {random(10, 7)});
        // The SDK makes 6 attempts per call with the emulator's clients; the 7th failure is the uploader's.
        emu.fault(AwsEmulator.Fault.next(7, "PutSnapshotBlock", 500, "InternalError"));

        UploadedSnapshot snapshot = upload(image, 1);

        assertThat(snapshot.blocksUploaded()).isEqualTo(1);
        assertThat(sleeps).containsExactly(Duration.ZERO, Duration.ofSeconds(2));
        assertThat(emu.snapshots(REGION).get(0).state()).isEqualTo("completed");
    }

    @Test
    void upload_blockAlwaysRejected_failsAfterTwelveAttemptsNamingBlockAndSnapshot() throws Exception {
        Path image = SparseImages.write(dir.resolve("os.img"), 524288, new long[] {0}, new byte[][] {{1}});
        emu.fault(AwsEmulator.Fault.always("PutSnapshotBlock", 400, "ValidationException"));

        assertThatThrownBy(() -> upload(image, 1)).isInstanceOf(TwoliterException.class)
                .hasMessageContaining("PutSnapshotBlock (block 0 of " + emu.snapshots(REGION).get(0).id()
                        + ", 12 attempts) in us-west-2 failed: ValidationException");
        assertThat(sleeps).hasSize(12).last().isEqualTo(Duration.ofSeconds(22));
        assertThat(started).hasSize(1);
        assertThat(emu.calls("CompleteSnapshot")).isEmpty();
    }
}
