package pubsys.ami.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import common.ErrorCategory;
import common.TwoliterException;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ParallelBlockUploadTest {
    private static final int BLOCK = 16;

    private static byte[] image(int blocks, int... dataBlocks) {
        byte[] image = new byte[blocks * BLOCK];
        for (int b : dataBlocks) {
            image[b * BLOCK + 3] = (byte) (b % 100 + 1);
        }
        return image;
    }

    private static BlockReader reader(byte[] image) {
        return new BlockReader(new ByteArrayInputStream(image), BLOCK, image.length, "t.img");
    }

    private static ParallelBlockUpload.Progress progress(long total, List<UploadProgress> events) {
        return new ParallelBlockUpload.Progress("t.img", total, events::add);
    }

    @Test
    void run_sparseImage_putsOnlyNonZeroBlocksAndAggregatesTheirDigestsInOrder() throws Exception {
        byte[] image = image(8, 5, 1);
        Map<Integer, String> put = new ConcurrentHashMap<>();
        List<UploadProgress> events = new ArrayList<>();

        ParallelBlockUpload.Result r = new ParallelBlockUpload((i, data, sum) -> put.put(i, sum), 4)
                .run(reader(image), progress(8, events));

        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        byte[] d1 = sha.digest(java.util.Arrays.copyOfRange(image, BLOCK, 2 * BLOCK));
        byte[] d5 = sha.digest(java.util.Arrays.copyOfRange(image, 5 * BLOCK, 6 * BLOCK));
        sha.update(d1);
        sha.update(d5);
        assertThat(put).containsOnlyKeys(1, 5);
        assertThat(put.get(5)).isEqualTo(Base64.getEncoder().encodeToString(d5));
        assertThat(r.blocksUploaded()).isEqualTo(2);
        assertThat(r.linearChecksum()).isEqualTo(Base64.getEncoder().encodeToString(sha.digest()));
        assertThat(events).hasSize(8);
        assertThat(events.get(7)).isEqualTo(new UploadProgress("t.img", 8, 8, 2, 2 * BLOCK));
    }

    @Test
    void run_sinkFails_stopsReadingAndRethrowsTheFailure() {
        int blocks = 5000;
        byte[] image = image(blocks, java.util.stream.IntStream.range(0, blocks).toArray());
        AtomicInteger calls = new AtomicInteger();

        assertThatThrownBy(() -> new ParallelBlockUpload((i, data, sum) -> {
            calls.incrementAndGet();
            if (i == 3) {
                throw new TwoliterException(ErrorCategory.FAILURE, "block 3 refused");
            }
        }, 2).run(reader(image), progress(blocks, new ArrayList<>())))
                .isInstanceOf(TwoliterException.class).hasMessage("block 3 refused");
        assertThat(calls.get()).isLessThan(blocks);
    }

    @Test
    void run_listenerThrowsAnError_theErrorPropagatesUnchanged() {
        byte[] image = image(64, java.util.stream.IntStream.range(0, 64).toArray());
        class Killed extends Error {
        }

        assertThatThrownBy(() -> new ParallelBlockUpload((i, data, sum) -> { }, 4).run(reader(image),
                new ParallelBlockUpload.Progress("t.img", 64, p -> {
                    if (p.blocksDone() == 10) {
                        throw new Killed();
                    }
                }))).isInstanceOf(Killed.class);
    }

    @Test
    void run_readFailsWithoutMessage_namesTheCauseNotNull() {
        // given: a read failure of the kind java.nio gives without a message (an interrupted channel)
        InputStream failing = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new java.nio.channels.ClosedChannelException();
            }
        };
        BlockReader reader = new BlockReader(failing, BLOCK, 4 * BLOCK, "t.img");

        assertThatThrownBy(() -> new ParallelBlockUpload((i, data, sum) -> { }, 2)
                .run(reader, progress(4, new ArrayList<>())))
                .isInstanceOf(TwoliterException.class)
                .hasMessage("cannot read image 't.img': connection closed (ClosedChannelException)");
    }

    @Test
    void run_slowSink_keepsAtMostTwicePoolSizeBlocksReadButNotStored() throws Exception {
        int blocks = 400;
        int concurrency = 3;
        byte[] image = image(blocks, java.util.stream.IntStream.range(0, blocks).toArray());
        AtomicLong bytesRead = new AtomicLong();
        InputStream counting = new FilterInputStream(new ByteArrayInputStream(image)) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = super.read(b, off, len);
                bytesRead.addAndGet(Math.max(n, 0));
                return n;
            }
        };
        AtomicInteger done = new AtomicInteger();
        AtomicInteger active = new AtomicInteger();
        AtomicInteger maxActive = new AtomicInteger();
        AtomicInteger maxPending = new AtomicInteger();

        new ParallelBlockUpload((i, data, sum) -> {
            maxActive.accumulateAndGet(active.incrementAndGet(), Math::max);
            maxPending.accumulateAndGet((int) (bytesRead.get() / BLOCK) - done.get(), Math::max);
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            active.decrementAndGet();
            done.incrementAndGet();
        }, concurrency).run(new BlockReader(counting, BLOCK, image.length, "t.img"),
                progress(blocks, new ArrayList<>()));

        assertThat(done.get()).isEqualTo(blocks);
        assertThat(maxActive.get()).isLessThanOrEqualTo(concurrency);
        // 2 x pool size queued or running, plus the one block the reader holds while it waits for a slot.
        assertThat(maxPending.get()).isLessThanOrEqualTo(2 * concurrency + 1);
    }
}
