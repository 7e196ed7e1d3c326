package pubsys.ami;

import common.ErrorCategory;
import common.TwoliterException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import pubsys.PublishLog;
import pubsys.aws.AwsClients;
import pubsys.aws.Parallel.Outcome;
import pubsys.aws.Parallel;
import pubsys.aws.Sleeper;

/**
 * {@code publish-ami}: grants or revokes launch permissions of the AMIs an amis.json lists, and their snapshots'
 * create-volume permissions, then records the images' new permissions in that file (pubsys.md §11).
 */
public final class AmiPermissions {
    private final AwsClients clients;
    private final Sleeper sleeper;

    /** @param clients EC2 clients per region; their base region should be the first region of the run */
    public AmiPermissions(AwsClients clients, Sleeper sleeper) {
        this.clients = clients;
        this.sleeper = sleeper;
    }

    /**
     * The regions {@code request} covers: its own, which must all be in the file, or every region of the file.
     * The CLI uses the first as the base region of its clients.
     */
    public static List<String> regions(AmiPermissionsRequest request) throws TwoliterException {
        return select(request, input(request.amiInput()));
    }

    /**
     * Waits for every AMI, changes all snapshots (and stops if any failed), then all images, and rewrites the
     * ami-input with what EC2 reports afterwards. Returns the file's new content.
     */
    public Map<String, AmiRecord> modify(AmiPermissionsRequest request, PublishLog log) throws TwoliterException {
        requirePrincipals(request);
        Map<String, AmiRecord> amis = input(request.amiInput());
        List<String> regions = select(request, amis);
        AmiPermissionsCalls calls = new AmiPermissionsCalls(request.operation(), request.principals());
        waitAvailable(regions, amis, log);
        if (request.principals().touchesSnapshots()) {
            modifySnapshots(calls, snapshotIds(regions, amis), log);
        } else {
            // Upstream still sends ModifySnapshotAttribute with neither UserIds nor GroupNames; with nothing to
            // change we skip it rather than depend on how EC2 answers an empty modification.
            log.info("organization permissions do not apply to snapshots; leaving snapshot permissions unchanged");
        }
        Map<String, AmiRecord> updated = modifyImages(calls, regions, amis, log);
        // QUIRK (pubsys.md §11 step 7): upstream writes back only the requested regions and so drops the others from
        // the file. We keep them unchanged: the file is the only record of those AMIs.
        Map<String, AmiRecord> file = new LinkedHashMap<>(amis);
        file.putAll(updated);
        // Written before reporting failures too, so that the images that did change are recorded.
        AmisFile.write(request.amiInput(), file);
        int failed = regions.size() - updated.size();
        if (failed > 0) {
            throw imagesFailed(updated.size(), failed, regions.size(), request.amiInput());
        }
        log.result("Updated permissions of " + updated.size() + " AMI" + (updated.size() == 1 ? "" : "s")
                + " in '" + request.amiInput() + "'");
        return file;
    }

    /** The AWS calls {@link #modify} would make, one per line, each starting with its region; nothing is called. */
    public static List<String> plan(AmiPermissionsRequest request) throws TwoliterException {
        requirePrincipals(request);
        Map<String, AmiRecord> amis = input(request.amiInput());
        List<String> regions = select(request, amis);
        AmiPermissionsCalls calls = new AmiPermissionsCalls(request.operation(), request.principals());
        List<String> lines = new ArrayList<>();
        for (String r : regions) {
            lines.add(r + ": DescribeImages ImageIds=[" + amis.get(r).id() + "] until it is available");
        }
        if (request.principals().touchesSnapshots()) {
            for (String r : regions) {
                lines.add(r + ": DescribeImages ImageIds=[" + amis.get(r).id() + "] for its snapshot ids");
            }
            for (String r : regions) {
                lines.add(calls.describeSnapshotCall(r, amis.get(r).id()));
            }
        }
        for (String r : regions) {
            lines.add(calls.describeImageCall(r, amis.get(r).id()));
            lines.add(r + ": DescribeImageAttribute ImageId=" + amis.get(r).id() + " Attribute=launchPermission");
        }
        lines.add("rewrite '" + request.amiInput() + "'");
        return lines;
    }

    static Map<String, AmiRecord> input(Path amiInput) throws TwoliterException {
        Map<String, AmiRecord> amis = AmisFile.read(amiInput);
        if (amis.isEmpty()) {
            throw TwoliterException.badInput("Input '" + amiInput + "' is empty; it should map regions to AMIs, as"
                    + " 'twoliter make ami' writes it");
        }
        return amis;
    }

    /** The requested regions (without repeats), or all of the file's; each must be in the file (§11 step 2). */
    static List<String> select(AmiPermissionsRequest request, Map<String, AmiRecord> amis) throws TwoliterException {
        if (request.regions().isEmpty()) {
            return List.copyOf(amis.keySet());
        }
        List<String> regions = List.copyOf(new LinkedHashSet<>(request.regions()));
        List<String> missing = regions.stream().filter(r -> !amis.containsKey(r)).toList();
        if (!missing.isEmpty()) {
            throw TwoliterException.badInput("Given region(s) in Infra.toml / regions argument that are not in"
                    + " --ami-input file: " + String.join(", ", missing) + "; '" + request.amiInput() + "' has "
                    + String.join(", ", amis.keySet()) + "; publish the AMI there first or drop the region");
        }
        return regions;
    }

    private static void requirePrincipals(AmiPermissionsRequest request) throws TwoliterException {
        if (request.principals().isEmpty()) {
            throw TwoliterException.badInput("publish-ami needs someone to " + request.operation() + ": give at"
                    + " least one of --user-ids, --group-names, --organization-arns, --organizational-unit-arns");
        }
    }

    /** §11 step 3: one {@code available} poll suffices, the images exist already. */
    private void waitAvailable(List<String> regions, Map<String, AmiRecord> amis, PublishLog log)
            throws TwoliterException {
        log.info("waiting for " + regions.size() + " AMI(s) to be available");
        Map<String, Outcome<String, Boolean>> waited = Parallel.perRegion(regions, r -> {
            Ec2Images.waitAvailable(clients, r, amis.get(r).id(), 1, sleeper, log);
            return true;
        });
        throwIfAnyFailed(waited, "AMI(s) did not become available");
    }

    /** §11 step 4: the EBS snapshots behind every image's block devices. */
    private Map<String, List<String>> snapshotIds(List<String> regions, Map<String, AmiRecord> amis)
            throws TwoliterException {
        Map<String, Outcome<String, List<String>>> found = Parallel.perRegion(regions, r -> {
            String id = amis.get(r).id();
            return Ec2Images.snapshotIds(Ec2Images.describe(clients.ec2(r), r, id).orElseThrow(() ->
                    new TwoliterException(ErrorCategory.FAILURE, "AMI " + id + " in " + r + " no longer exists;"
                            + " remove it from the ami-input or publish it again")), r);
        });
        throwIfAnyFailed(found, "AMI(s) have unknown snapshots");
        Map<String, List<String>> out = new LinkedHashMap<>();
        found.forEach((r, o) -> out.put(r, o.value()));
        return out;
    }

    /** §11 step 5: every snapshot, and no image at all if any of them failed. */
    private void modifySnapshots(AmiPermissionsCalls calls, Map<String, List<String>> snapshots, PublishLog log)
            throws TwoliterException {
        int total = snapshots.values().stream().mapToInt(List::size).sum();
        log.info("modifying permissions of " + total + " snapshot(s)");
        Map<String, Outcome<String, List<String>>> modified = Parallel.perRegion(List.copyOf(snapshots.keySet()),
                r -> calls.modifySnapshots(clients.ec2(r), r, snapshots.get(r)));
        int failed = 0;
        for (Outcome<String, List<String>> o : modified.values()) {
            if (o.ok()) {
                o.value().forEach(log::error);
                failed += o.value().size();
            } else {
                log.error(o.error().getMessage());
                failed += snapshots.get(o.item()).size();
            }
        }
        if (failed > 0) {
            throw new TwoliterException(ErrorCategory.FAILURE, "Failed to modify permissions of " + failed + " of "
                    + total + " snapshots; no AMI was changed. See the errors above and run publish-ami again");
        }
    }

    /** §11 step 6: the images that changed, with the permissions EC2 reports afterwards; failures are logged. */
    private Map<String, AmiRecord> modifyImages(AmiPermissionsCalls calls, List<String> regions,
                                                Map<String, AmiRecord> amis, PublishLog log)
            throws TwoliterException {
        log.info("modifying launch permissions of " + regions.size() + " AMI(s)");
        Map<String, Outcome<String, AmiRecord>> modified = Parallel.perRegion(regions,
                r -> calls.modifyImage(clients.ec2(r), r, amis.get(r)));
        Map<String, AmiRecord> updated = new LinkedHashMap<>();
        for (Outcome<String, AmiRecord> o : modified.values()) {
            if (o.ok()) {
                AmiRecord a = o.value();
                updated.put(o.item(), a);
                log.result(o.item() + ": " + a.id() + " public=" + a.isPublic() + " launch_permissions="
                        + a.launchPermissions().stream().map(p -> p.kind().key() + ":" + p.value()).toList());
            } else {
                log.error(o.error().getMessage());
            }
        }
        return updated;
    }

    private static TwoliterException imagesFailed(int updated, int failed, int total, Path amiInput) {
        String prefix = updated == 0 ? "No AMI permissions were updated"
                : "Permissions for " + updated + (updated == 1 ? " AMI" : " AMIs") + " were updated, the rest failed";
        return new TwoliterException(ErrorCategory.FAILURE, prefix + ": Failed to modify permissions of " + failed
                + " of " + total + " images; see the errors above. '" + amiInput + "' records the permissions"
                + " as they are now; run publish-ami again for the rest");
    }

    private static <T> void throwIfAnyFailed(Map<String, Outcome<String, T>> outcomes, String what)
            throws TwoliterException {
        List<String> errors = outcomes.values().stream().filter(o -> !o.ok()).map(o -> o.error().getMessage())
                .toList();
        if (!errors.isEmpty()) {
            throw new TwoliterException(ErrorCategory.FAILURE, errors.size() + " of " + outcomes.size() + " "
                    + what + ": " + String.join("; ", errors));
        }
    }
}
