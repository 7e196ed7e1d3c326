package pubsys.ami.snapshot;

import common.ErrorCategory;
import common.TwoliterException;
import java.time.Duration;
import java.util.Optional;
import pubsys.PublishLog;
import pubsys.aws.AwsErrors;
import pubsys.aws.Sleeper;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Snapshot;

/** The EC2 side of snapshots: waiting for one to complete, and deleting one. */
public final class Ec2Snapshots {
    /** Upstream: 3 consecutive {@code completed}, polls 2 s apart, give up after 90 polls that were not. */
    public static final int SUCCESSES = 3;
    public static final Duration POLL = Duration.ofSeconds(2);
    public static final int MAX_FAILED_POLLS = 90;

    private Ec2Snapshots() {
    }

    /** Waits until snapshot {@code id} is {@code completed} three polls in a row; {@code error} fails at once. */
    public static void waitCompleted(Ec2Client ec2, String region, String id, Sleeper sleeper, PublishLog log)
            throws TwoliterException {
        int attempts = 0;
        int inARow = 0;
        String last = "unknown";
        while (inARow < SUCCESSES) {
            if (attempts > 0) {
                sleep(sleeper, id);
            }
            attempts++;
            if (attempts - inARow > MAX_FAILED_POLLS) {
                throw new TwoliterException(ErrorCategory.FAILURE, "snapshot " + id + " in " + region + " did not"
                        + " complete after " + attempts + " polls (last state: " + last + ")");
            }
            try {
                Optional<Snapshot> s = ec2.describeSnapshots(b -> b.snapshotIds(id)).snapshots().stream().findFirst();
                last = s.map(Snapshot::stateAsString).orElse("not found");
                if ("error".equals(last)) {
                    throw new TwoliterException(ErrorCategory.FAILURE, "snapshot " + id + " in " + region
                            + " is in state 'error'" + s.map(x -> x.stateMessage() == null ? ""
                            : ": " + x.stateMessage()).orElse("") + "; EBS rejected the upload, try again");
                }
                inARow = "completed".equals(last) ? inARow + 1 : 0;
            } catch (SdkException e) {
                inARow = 0;
                last = AwsErrors.describe("DescribeSnapshots", region, e);
            }
            if (attempts % 5 == 0 && inARow < SUCCESSES) {
                log.info("waiting for snapshot " + id + " in " + region + " to complete (state: " + last + ", poll "
                        + attempts + ")");
            }
        }
    }

    /** What DeleteSnapshot did. */
    public enum Deletion { DELETED, ALREADY_GONE, IN_USE }

    /** Deletes snapshot {@code id}, unless EC2 refuses because a registered image uses it. */
    public static Deletion delete(Ec2Client ec2, String region, String id) throws TwoliterException {
        try {
            ec2.deleteSnapshot(b -> b.snapshotId(id));
            return Deletion.DELETED;
        } catch (SdkException e) {
            return switch (AwsErrors.code(e)) {
                case "InvalidSnapshot.NotFound" -> Deletion.ALREADY_GONE;
                case "InvalidSnapshot.InUse" -> Deletion.IN_USE;
                default -> throw AwsErrors.failure("DeleteSnapshot (" + id + ")", region, e);
            };
        }
    }

    private static void sleep(Sleeper sleeper, String id) throws TwoliterException {
        try {
            sleeper.sleep(POLL);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TwoliterException(ErrorCategory.FAILURE, "interrupted while waiting for snapshot " + id);
        }
    }
}
