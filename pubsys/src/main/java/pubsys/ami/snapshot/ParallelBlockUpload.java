package pubsys.ami.snapshot;

import common.Causes;
import common.ErrorCategory;
import common.TwoliterException;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Sends the non-zero blocks of one image to a {@link BlockSink} on a fixed pool of threads. One thread reads the
 * image in order; at most twice the pool size of blocks are queued or in flight, so memory stays bounded whatever
 * the image size. The first failure stops the reading and is rethrown as it was (an {@link Error} stays an Error).
 */
final class ParallelBlockUpload {
    /** Stores one block; retrying is up to the sink. */
    @FunctionalInterface
    interface BlockSink {
        void put(int index, byte[] data, String base64Sha256) throws TwoliterException;
    }

    /** What CompleteSnapshot needs: the blocks sent and the LINEAR aggregate of their digests. */
    record Result(int blocksUploaded, String linearChecksum) {
    }

    private final BlockSink sink;
    private final int concurrency;

    ParallelBlockUpload(BlockSink sink, int concurrency) {
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be at least 1, got " + concurrency);
        }
        this.sink = sink;
        this.concurrency = concurrency;
    }

    Result run(BlockReader reader, Progress progress) throws TwoliterException {
        Map<Integer, byte[]> digests = new ConcurrentSkipListMap<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Semaphore slots = new Semaphore(2 * concurrency);
        ExecutorService pool = Executors.newFixedThreadPool(concurrency, threads(progress.file()));
        try {
            for (BlockReader.Block block; failure.get() == null && (block = reader.next()) != null; ) {
                if (block.zero()) {
                    progress.skipped();
                    continue;
                }
                slots.acquire();
                BlockReader.Block b = block;
                pool.execute(() -> {
                    try {
                        if (failure.get() == null) {
                            byte[] digest = SnapshotChecksums.sha256(b.data(), b.data().length);
                            sink.put(b.index(), b.data(), SnapshotChecksums.base64(digest));
                            digests.put(b.index(), digest);
                            progress.uploaded(b.data().length);
                        }
                    } catch (Throwable t) {
                        failure.compareAndSet(null, t);
                    } finally {
                        slots.release();
                    }
                });
            }
            pool.shutdown();
            while (!pool.awaitTermination(1, TimeUnit.MINUTES)) {
                // Every block's attempts are bounded, so this ends; keep waiting rather than abandon workers.
            }
        } catch (IOException e) {
            failure.compareAndSet(null, new TwoliterException(ErrorCategory.FAILURE, "cannot read image '"
                    + progress.file() + "': " + Causes.describe(e), e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failure.compareAndSet(null, new TwoliterException(ErrorCategory.FAILURE, "interrupted while uploading '"
                    + progress.file() + "'"));
        } finally {
            pool.shutdownNow();
        }
        rethrow(failure.get());
        SnapshotChecksums.Linear linear = new SnapshotChecksums.Linear();
        digests.values().forEach(linear::add);
        return new Result(linear.count(), linear.base64());
    }

    private static void rethrow(Throwable t) throws TwoliterException {
        if (t == null) {
            return;
        }
        if (t instanceof TwoliterException e) {
            throw e;
        }
        if (t instanceof RuntimeException e) {
            throw e;
        }
        if (t instanceof Error e) {
            throw e;
        }
        throw new IllegalStateException("block upload failed", t);
    }

    private static ThreadFactory threads(String file) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "ebs-upload-" + file + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** Counts blocks and reports to the listener one call at a time. */
    static final class Progress {
        private final String file;
        private final long blocksTotal;
        private final ProgressListener listener;
        private long done;
        private long uploaded;
        private long bytes;

        Progress(String file, long blocksTotal, ProgressListener listener) {
            this.file = file;
            this.blocksTotal = blocksTotal;
            this.listener = listener;
        }

        String file() {
            return file;
        }

        synchronized void skipped() {
            done++;
            report();
        }

        synchronized void uploaded(int blockBytes) {
            done++;
            uploaded++;
            bytes += blockBytes;
            report();
        }

        private void report() {
            listener.progress(new UploadProgress(file, done, blocksTotal, uploaded, bytes));
        }
    }
}
