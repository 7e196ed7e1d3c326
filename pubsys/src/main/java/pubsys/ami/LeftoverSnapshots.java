package pubsys.ami;

import common.TwoliterException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import pubsys.PublishLog;
import pubsys.ami.snapshot.Ec2Snapshots;
import pubsys.aws.AwsClients;
import pubsys.aws.Ec2Arch;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Image;

/**
 * Cleans up after a run that was killed: of the snapshots its journal lists, those the image it was making uses
 * (the run got as far as RegisterImage) are kept and the others deleted. Only that image can use them, since nobody
 * else learnt their ids; EC2's own refusal to delete a snapshot in use is a second guard. Entries that cannot be
 * settled stay in the journal for the next run.
 */
final class LeftoverSnapshots {
    private LeftoverSnapshots() {
    }

    /** The journal entries of one image: same region, name and architecture. */
    private record Key(String region, String amiName, Ec2Arch arch) {
    }

    static void clean(SnapshotJournal journal, AwsClients clients, PublishLog log) throws TwoliterException {
        Map<Key, List<SnapshotJournal.Entry>> byImage = new LinkedHashMap<>();
        for (SnapshotJournal.Entry e : journal.read()) {
            byImage.computeIfAbsent(new Key(e.region(), e.amiName(), e.arch()), k -> new ArrayList<>()).add(e);
        }
        List<SnapshotJournal.Entry> settled = new ArrayList<>();
        for (Map.Entry<Key, List<SnapshotJournal.Entry>> group : byImage.entrySet()) {
            String region = group.getKey().region();
            try {
                Ec2Client ec2 = clients.ec2(region);
                Optional<Image> image = Ec2Images.findByName(ec2, region, group.getKey().amiName(),
                        group.getKey().arch());
                Set<String> used = image.isPresent() ? Set.copyOf(Ec2Images.snapshotIds(image.get(), region))
                        : Set.of();
                for (SnapshotJournal.Entry e : group.getValue()) {
                    String id = e.snapshotId();
                    if (used.contains(id)
                            || Ec2Snapshots.delete(ec2, region, id) == Ec2Snapshots.Deletion.IN_USE) {
                        log.info("Snapshot " + id + " in " + region + " from an interrupted run belongs to a"
                                + " registered image; keeping it");
                    } else {
                        log.warn("Deleted snapshot " + id + " in " + region + " left by an interrupted run (listed"
                                + " in '" + journal.file() + "')");
                    }
                    settled.add(e);
                }
            } catch (TwoliterException e) {
                log.warn("Could not clean up the snapshots of an interrupted run in " + region + ": "
                        + e.getMessage() + "; the next run tries again");
            }
        }
        journal.remove(settled);
    }
}
