package pubsys.ami.snapshot;

import common.Causes;
import common.ErrorCategory;
import common.TwoliterException;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Objects;
import pubsys.aws.AwsErrors;
import pubsys.aws.Sleeper;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.ebs.EbsClient;
import software.amazon.awssdk.services.ebs.model.ChecksumAggregationMethod;
import software.amazon.awssdk.services.ebs.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.ebs.model.StartSnapshotResponse;
import software.amazon.awssdk.services.ebs.model.Tag;

/**
 * {@link SnapshotUploader} over the EBS direct APIs, as upstream's coldsnap does it (pubsys.md §10 step 4c):
 * StartSnapshot, PutSnapshotBlock for every block that is not all zeros (in parallel, each with its own retries),
 * CompleteSnapshot with the LINEAR checksum aggregate.
 */
public final class AwsEbsSnapshotUploader implements SnapshotUploader {
    /**
     * How hard to push: threads sending blocks, attempts per block and the step of the linear backoff (attempt n
     * sleeps n × step first). Upstream: 64 threads, 12 attempts, 2 s.
     */
    public record Options(int concurrency, int blockAttempts, Duration retryStep) {
        /** Fewer threads than upstream's 64: the bound on memory is 2 × threads blocks of 512 KiB. */
        public static final Options DEFAULT = new Options(32, 12, Duration.ofSeconds(2));

        public Options {
            if (concurrency < 1 || blockAttempts < 1) {
                throw new IllegalArgumentException("concurrency and blockAttempts must be at least 1");
            }
            Objects.requireNonNull(retryStep);
        }
    }

    /** StartSnapshot's Timeout: minutes without activity after which EBS gives the snapshot up (state error). */
    static final int SNAPSHOT_TIMEOUT_MINUTES = 10;

    private final EbsClient ebs;
    private final String region;
    private final Sleeper sleeper;
    private final Options options;

    public AwsEbsSnapshotUploader(EbsClient ebs, String region, Sleeper sleeper, Options options) {
        this.ebs = Objects.requireNonNull(ebs);
        this.region = Objects.requireNonNull(region);
        this.sleeper = Objects.requireNonNull(sleeper);
        this.options = Objects.requireNonNull(options);
    }

    @Override
    public UploadedSnapshot upload(SnapshotRequest request, UploadListener listener) throws TwoliterException {
        ImageSource source = ImageSource.open(request.image());
        String file = request.image().getFileName().toString();
        long volumeGiB = new SnapshotGeometry(source.size(), SnapshotGeometry.EBS_BLOCK_SIZE).volumeSizeGiB();
        StartSnapshotResponse started;
        try {
            started = ebs.startSnapshot(b -> b.volumeSize(volumeGiB).description(request.description())
                    .timeout(SNAPSHOT_TIMEOUT_MINUTES)
                    .tags(request.tags().entrySet().stream()
                            .map(t -> Tag.builder().key(t.getKey()).value(t.getValue()).build()).toList()));
        } catch (SdkException e) {
            throw AwsErrors.failure("StartSnapshot for '" + file + "'", region, e);
        }
        String id = started.snapshotId();
        if (id == null || started.blockSize() == null || started.blockSize() <= 0) {
            throw new TwoliterException(ErrorCategory.FAILURE, "StartSnapshot for '" + file + "' in " + region
                    + " returned no snapshot id or block size: " + started);
        }
        listener.started(id);
        SnapshotGeometry geometry = new SnapshotGeometry(source.size(), started.blockSize());
        if (geometry.blockCount() > Integer.MAX_VALUE) {
            throw TwoliterException.badInput("image '" + request.image() + "' has more blocks than EBS can index");
        }
        ParallelBlockUpload.Result result;
        try (InputStream raw = source.openRaw()) {
            BlockReader reader = new BlockReader(raw, geometry.blockSize(), geometry.imageBytes(), file);
            result = new ParallelBlockUpload((index, data, checksum) -> put(id, index, data, checksum),
                    options.concurrency())
                    .run(reader, new ParallelBlockUpload.Progress(file, geometry.blockCount(), listener));
        } catch (IOException e) {
            throw new TwoliterException(ErrorCategory.FAILURE, "cannot read image '" + request.image() + "': "
                    + Causes.describe(e), e);
        }
        complete(id, file, result);
        return new UploadedSnapshot(id, volumeGiB, geometry.blockSize(), geometry.blockCount(),
                result.blocksUploaded());
    }

    private void put(String id, int index, byte[] data, String checksum) throws TwoliterException {
        SdkException last = null;
        for (int attempt = 0; attempt < options.blockAttempts(); attempt++) {
            try {
                sleeper.sleep(options.retryStep().multipliedBy(attempt));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TwoliterException(ErrorCategory.FAILURE, "interrupted while uploading block " + index
                        + " of " + id);
            }
            try {
                ebs.putSnapshotBlock(b -> b.snapshotId(id).blockIndex(index).dataLength(data.length)
                        .checksum(checksum).checksumAlgorithm(ChecksumAlgorithm.SHA256), RequestBody.fromBytes(data));
                return;
            } catch (SdkException e) {
                last = e;
            }
        }
        throw AwsErrors.failure("PutSnapshotBlock (block " + index + " of " + id + ", " + options.blockAttempts()
                + " attempts)", region, last);
    }

    private void complete(String id, String file, ParallelBlockUpload.Result result) throws TwoliterException {
        try {
            ebs.completeSnapshot(b -> b.snapshotId(id).changedBlocksCount(result.blocksUploaded())
                    .checksum(result.linearChecksum()).checksumAlgorithm(ChecksumAlgorithm.SHA256)
                    .checksumAggregationMethod(ChecksumAggregationMethod.LINEAR));
        } catch (SdkException e) {
            throw AwsErrors.failure("CompleteSnapshot of " + id + " ('" + file + "')", region, e);
        }
    }
}
