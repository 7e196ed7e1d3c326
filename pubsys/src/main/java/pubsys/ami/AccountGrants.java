package pubsys.ami;

import common.ErrorCategory;
import common.TwoliterException;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import pubsys.PublishLog;
import pubsys.aws.AwsClients;
import pubsys.aws.AwsErrors;
import pubsys.aws.Parallel;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.OperationType;
import software.amazon.awssdk.services.ec2.model.SnapshotAttributeName;

/**
 * Lets the accounts of the copy regions copy the base image (pubsys.md §10 step 7): a region's role may live in
 * another account, which then needs createVolumePermission on each snapshot and launchPermission on the image.
 */
final class AccountGrants {
    private AccountGrants() {
    }

    /** Grants and returns the accounts other than the base region's that needed it (empty: nothing was done). */
    static Set<String> grant(AwsClients clients, String base, List<String> copyRegions, String imageId,
                             List<String> snapshotIds, PublishLog log) throws TwoliterException {
        String baseAccount = account(clients, base);
        Set<String> accounts = new TreeSet<>();
        accounts.addAll(Parallel.map(copyRegions, Parallel.REGIONS, r -> account(clients, r)));
        accounts.remove(baseAccount);
        if (accounts.isEmpty()) {
            return accounts;
        }
        log.info("Granting accounts " + accounts + " access to " + imageId + " and its snapshots " + snapshotIds
                + " in " + base);
        Ec2Client ec2 = clients.ec2(base);
        for (String snapshot : snapshotIds) {
            try {
                ec2.modifySnapshotAttribute(b -> b.snapshotId(snapshot)
                        .attribute(SnapshotAttributeName.CREATE_VOLUME_PERMISSION).operationType(OperationType.ADD)
                        .userIds(accounts));
            } catch (SdkException e) {
                throw AwsErrors.failure("ModifySnapshotAttribute (" + snapshot + " createVolumePermission add "
                        + accounts + ")", base, e);
            }
        }
        try {
            ec2.modifyImageAttribute(b -> b.imageId(imageId).attribute("launchPermission")
                    .operationType(OperationType.ADD).userIds(accounts));
        } catch (SdkException e) {
            throw AwsErrors.failure("ModifyImageAttribute (" + imageId + " launchPermission add " + accounts + ")",
                    base, e);
        }
        return accounts;
    }

    private static String account(AwsClients clients, String region) throws TwoliterException {
        String account;
        try {
            account = clients.sts(region).getCallerIdentity().account();
        } catch (SdkException e) {
            throw AwsErrors.failure("GetCallerIdentity", region, e);
        }
        if (account == null) {
            throw new TwoliterException(ErrorCategory.FAILURE, "GetCallerIdentity in " + region + " returned no"
                    + " account");
        }
        return account;
    }
}
