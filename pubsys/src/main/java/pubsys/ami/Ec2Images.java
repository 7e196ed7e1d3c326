package pubsys.ami;

import common.ErrorCategory;
import common.TwoliterException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import pubsys.PublishLog;
import pubsys.aws.AwsClients;
import pubsys.aws.AwsErrors;
import pubsys.aws.Ec2Arch;
import pubsys.aws.Sleeper;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.BlockDeviceMapping;
import software.amazon.awssdk.services.ec2.model.DescribeImagesResponse;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Image;
import software.amazon.awssdk.services.ec2.model.ImageAttributeName;
import software.amazon.awssdk.services.ec2.model.LaunchPermission;

/** The EC2 image lookups that registering, granting and validating share (pubsys.md §10 steps 2, 3 and 6). */
public final class Ec2Images {
    /** Upstream polls every 2 s and gives up after 90 attempts that did not succeed. */
    public static final Duration POLL = Duration.ofSeconds(2);
    public static final int MAX_FAILED_POLLS = 90;

    private Ec2Images() {
    }

    /**
     * The image of ours named {@code name} for {@code arch} in {@code region} (owner self, machine image, HVM), or
     * empty. More than one match is an error, as upstream.
     */
    public static Optional<Image> findByName(Ec2Client ec2, String region, String name, Ec2Arch arch)
            throws TwoliterException {
        DescribeImagesResponse r;
        try {
            r = ec2.describeImages(b -> b.owners("self").filters(
                    Filter.builder().name("name").values(name).build(),
                    Filter.builder().name("architecture").values(arch.ec2()).build(),
                    Filter.builder().name("image-type").values("machine").build(),
                    Filter.builder().name("virtualization-type").values("hvm").build()));
        } catch (SdkException e) {
            throw AwsErrors.failure("DescribeImages (name '" + name + "')", region, e);
        }
        List<Image> images = r.images();
        if (images.isEmpty()) {
            return Optional.empty();
        }
        if (images.size() > 1) {
            throw new TwoliterException(ErrorCategory.FAILURE, "DescribeImages in " + region + " found "
                    + images.size() + " images named '" + name + "' for " + arch + ": "
                    + images.stream().map(Image::imageId).toList() + "; deregister the extras or choose another"
                    + " name");
        }
        if (images.get(0).imageId() == null) {
            throw new TwoliterException(ErrorCategory.FAILURE, "DescribeImages in " + region + " returned an image"
                    + " named '" + name + "' without an id");
        }
        return Optional.of(images.get(0));
    }

    /** The image {@code id}, or empty when EC2 does not know it. */
    public static Optional<Image> describe(Ec2Client ec2, String region, String id) throws TwoliterException {
        try {
            return ec2.describeImages(b -> b.imageIds(id)).images().stream().findFirst();
        } catch (SdkException e) {
            if (AwsErrors.code(e).startsWith("InvalidAMIID")) {
                return Optional.empty();
            }
            throw AwsErrors.failure("DescribeImages (" + id + ")", region, e);
        }
    }

    /** The EBS snapshot of every block device of {@code image}; a mapping without one is an error. */
    public static List<String> snapshotIds(Image image, String region) throws TwoliterException {
        List<String> ids = new ArrayList<>();
        if (image.blockDeviceMappings().isEmpty()) {
            throw new TwoliterException(ErrorCategory.FAILURE, "image " + image.imageId() + " in " + region
                    + " has no block device mappings");
        }
        for (BlockDeviceMapping m : image.blockDeviceMappings()) {
            if (m.ebs() == null || m.ebs().snapshotId() == null) {
                throw new TwoliterException(ErrorCategory.FAILURE, "image " + image.imageId() + " in " + region
                        + ": block device " + m.deviceName() + " has no EBS snapshot");
            }
            ids.add(m.ebs().snapshotId());
        }
        return ids;
    }

    /** The launch permissions of image {@code id} (DescribeImageAttribute launchPermission). */
    public static List<pubsys.ami.LaunchPermission> launchPermissions(Ec2Client ec2, String region, String id)
            throws TwoliterException {
        List<LaunchPermission> raw;
        try {
            raw = ec2.describeImageAttribute(b -> b.imageId(id).attribute(ImageAttributeName.LAUNCH_PERMISSION))
                    .launchPermissions();
        } catch (SdkException e) {
            throw AwsErrors.failure("DescribeImageAttribute (" + id + " launchPermission)", region, e);
        }
        List<pubsys.ami.LaunchPermission> out = new ArrayList<>();
        for (LaunchPermission p : raw) {
            out.add(pubsys.ami.LaunchPermission.fromEc2(p));
        }
        return out;
    }

    /**
     * Waits until image {@code id} in {@code region} is {@code available} {@code successes} polls in a row, with a
     * new client for every poll as upstream (so refreshed role credentials are used). States invalid, deregistered,
     * failed and error fail at once; 90 polls that were not successes fail too.
     */
    public static void waitAvailable(AwsClients clients, String region, String id, int successes, Sleeper sleeper,
                                     PublishLog log) throws TwoliterException {
        int attempts = 0;
        int inARow = 0;
        String last = "unknown";
        while (true) {
            attempts++;
            if (attempts - inARow > MAX_FAILED_POLLS) {
                throw new TwoliterException(ErrorCategory.FAILURE, "image " + id + " in " + region + " did not"
                        + " become available after " + attempts + " polls (last state: " + last + ")");
            }
            try (Ec2Client ec2 = clients.newEc2(region)) {
                Optional<Image> image = describe(ec2, region, id);
                last = image.map(Image::stateAsString).orElse("not found");
                switch (last) {
                    case "available" -> inARow++;
                    case "invalid", "deregistered", "failed", "error" -> throw new TwoliterException(
                            ErrorCategory.FAILURE, "image " + id + " in " + region + " is '" + last + "'"
                            + image.map(i -> i.stateReason() == null ? "" : ": " + i.stateReason().message())
                            .orElse(""));
                    default -> inARow = 0;
                }
            } catch (TwoliterException e) {
                throw e;
            } catch (SdkException e) {
                inARow = 0;
                last = AwsErrors.describe("DescribeImages", region, e);
            }
            if (inARow >= successes) {
                return;
            }
            if (attempts % 5 == 0) {
                log.info("waiting for image " + id + " in " + region + " to become available (state: " + last
                        + ", poll " + attempts + ")");
            }
            try {
                sleeper.sleep(POLL);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TwoliterException(ErrorCategory.FAILURE, "interrupted while waiting for image " + id);
            }
        }
    }
}
