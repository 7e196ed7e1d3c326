package pubsys.ami;

import common.TwoliterException;
import java.util.ArrayList;
import java.util.List;
import pubsys.ami.AmiPermissionsRequest.Operation;
import pubsys.ami.AmiPermissionsRequest.Principals;
import pubsys.aws.AwsErrors;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.ModifyImageAttributeRequest;
import software.amazon.awssdk.services.ec2.model.ModifySnapshotAttributeRequest;
import software.amazon.awssdk.services.ec2.model.OperationType;
import software.amazon.awssdk.services.ec2.model.SnapshotAttributeName;

/**
 * The two modifying EC2 calls of {@code publish-ami} and their dry-run descriptions (pubsys.md §11 steps 5 and 6).
 * Each list parameter is sent only when it is not empty, as upstream.
 */
final class AmiPermissionsCalls {
    private final Operation operation;
    private final Principals principals;

    AmiPermissionsCalls(Operation operation, Principals principals) {
        this.operation = operation;
        this.principals = principals;
    }

    /**
     * Changes {@code createVolumePermission} of every snapshot in turn; returns one message per failure. All are
     * attempted, so the count is complete.
     */
    List<String> modifySnapshots(Ec2Client ec2, String region, List<String> snapshotIds) {
        List<String> failed = new ArrayList<>();
        for (String id : snapshotIds) {
            try {
                ec2.modifySnapshotAttribute(snapshotRequest(id));
            } catch (SdkException e) {
                failed.add(AwsErrors.describe("ModifySnapshotAttribute (" + id + ", " + operation.ec2() + " "
                        + principals.snapshotParams() + ")", region, e));
            }
        }
        return failed;
    }

    /** Changes the image's {@code launchPermission}, then reads the permissions back into a new record. */
    AmiRecord modifyImage(Ec2Client ec2, String region, AmiRecord image) throws TwoliterException {
        try {
            ec2.modifyImageAttribute(imageRequest(image.id()));
        } catch (SdkException e) {
            throw AwsErrors.failure("ModifyImageAttribute (" + image.id() + ", " + operation.ec2() + " "
                    + principals.imageParams() + ")", region, e);
        }
        List<LaunchPermission> now = Ec2Images.launchPermissions(ec2, region, image.id());
        boolean isPublic = now.stream().anyMatch(LaunchPermission::isPublic);
        return new AmiRecord(image.id(), image.name(), isPublic, now);
    }

    ModifySnapshotAttributeRequest snapshotRequest(String snapshotId) {
        ModifySnapshotAttributeRequest.Builder b = ModifySnapshotAttributeRequest.builder().snapshotId(snapshotId)
                .attribute(SnapshotAttributeName.CREATE_VOLUME_PERMISSION)
                .operationType(OperationType.fromValue(operation.ec2()));
        if (!principals.userIds().isEmpty()) {
            b.userIds(principals.userIds());
        }
        if (!principals.groupNames().isEmpty()) {
            b.groupNames(principals.groupNames());
        }
        return b.build();
    }

    ModifyImageAttributeRequest imageRequest(String imageId) {
        ModifyImageAttributeRequest.Builder b = ModifyImageAttributeRequest.builder().imageId(imageId)
                .attribute("launchPermission").operationType(OperationType.fromValue(operation.ec2()));
        if (!principals.userIds().isEmpty()) {
            b.userIds(principals.userIds());
        }
        if (!principals.groupNames().isEmpty()) {
            b.userGroups(principals.groupNames());
        }
        if (!principals.organizationArns().isEmpty()) {
            b.organizationArns(principals.organizationArns());
        }
        if (!principals.organizationalUnitArns().isEmpty()) {
            b.organizationalUnitArns(principals.organizationalUnitArns());
        }
        return b.build();
    }

    String describeSnapshotCall(String region, String imageId) {
        return region + ": ModifySnapshotAttribute Attribute=createVolumePermission OperationType=" + operation.ec2()
                + " " + principals.snapshotParams() + " for each snapshot of " + imageId;
    }

    String describeImageCall(String region, String imageId) {
        return region + ": ModifyImageAttribute ImageId=" + imageId + " Attribute=launchPermission OperationType="
                + operation.ec2() + " " + principals.imageParams();
    }
}
