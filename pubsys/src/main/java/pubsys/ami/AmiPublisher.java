package pubsys.ami;

import common.TwoliterException;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import pubsys.PublishLog;
import pubsys.ami.snapshot.AwsEbsSnapshotUploader;
import pubsys.ami.snapshot.ProgressListener;
import pubsys.aws.AwsClients;
import pubsys.aws.Sleeper;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Image;

/**
 * {@code ami} (pubsys.md §10): register the variant's images as an AMI in the first region, or find the one
 * registered earlier under that name, then let the other regions' accounts copy it and copy it there. amis.json is
 * written only when every region has its image. A run that was killed is cleaned up by the next one with the same
 * {@code --ami-output}: see {@link SnapshotJournal}.
 */
public final class AmiPublisher {
    /** Consecutive {@code available} polls required: 3 for an image registered now, 1 for one found (upstream). */
    static final int NEW_IMAGE_SUCCESSES = 3;
    static final int EXISTING_IMAGE_SUCCESSES = 1;

    private final AwsClients clients;
    private final Sleeper sleeper;
    private final AmiRegistrar registrar;

    /**
     * @param progress where block-upload progress goes (the CLI's progress bar)
     * @param upload   upload threads and per-block retries
     */
    public AmiPublisher(AwsClients clients, Sleeper sleeper, ProgressListener progress,
                        AwsEbsSnapshotUploader.Options upload) {
        this.clients = Objects.requireNonNull(clients);
        this.sleeper = Objects.requireNonNull(sleeper);
        Objects.requireNonNull(upload);
        this.registrar = new AmiRegistrar(clients,
                region -> new AwsEbsSnapshotUploader(clients.ebs(region), region, sleeper, upload), sleeper,
                Objects.requireNonNull(progress));
    }

    /**
     * Publishes and returns amis.json's content: region to image, the base region first. The caller reports the
     * result; the log only gets progress and diagnostics.
     */
    public Map<String, AmiRecord> publish(AmiRequest request, PublishLog log) throws TwoliterException {
        validate(request);
        Optional<SnapshotJournal> journal = request.amiOutput().map(SnapshotJournal::beside);
        if (journal.isPresent()) {
            LeftoverSnapshots.clean(journal.get(), clients, log);
        }
        String base = request.baseRegion();
        Ec2Client ec2 = clients.ec2(base);
        Optional<Image> existing = Ec2Images.findByName(ec2, base, request.name(), request.arch());
        Map<String, AmiRecord> amis = new LinkedHashMap<>();
        List<String> snapshots;
        int successes;
        if (existing.isPresent()) {
            Image image = existing.get();
            log.warn("Found '" + request.name() + "' already registered in " + base + ": " + image.imageId());
            snapshots = Ec2Images.snapshotIds(image, base);
            amis.put(base, new AmiRecord(image.imageId(), request.name(),
                    Boolean.TRUE.equals(image.publicLaunchPermissions()),
                    Ec2Images.launchPermissions(ec2, base, image.imageId())));
            successes = EXISTING_IMAGE_SUCCESSES;
        } else {
            AmiRegistrar.Registered registered = registrar.register(request, journal, log);
            snapshots = registered.snapshotIds();
            amis.put(base, AmiRecord.fresh(registered.imageId(), request.name()));
            successes = NEW_IMAGE_SUCCESSES;
        }
        String imageId = amis.get(base).id();
        if (!request.copyRegions().isEmpty()) {
            Ec2Images.waitAvailable(clients, base, imageId, successes, sleeper, log);
            AccountGrants.grant(clients, base, request.copyRegions(), imageId, snapshots, log);
            amis.putAll(RegionCopies.copy(clients, request, imageId, log));
        }
        if (request.amiOutput().isPresent()) {
            AmisFile.write(request.amiOutput().get(), amis);
            log.info("Wrote '" + request.amiOutput().get() + "'");
        }
        return amis;
    }

    /** The AWS calls {@link #publish} would make, one per line with its region, without calling AWS. */
    public List<String> plan(AmiRequest request) throws TwoliterException {
        validate(request);
        return AmiPlan.lines(request, request.amiOutput().map(SnapshotJournal::beside));
    }

    static void validate(AmiRequest request) throws TwoliterException {
        if (request.regions().isEmpty()) {
            throw TwoliterException.badInput("no regions to publish the AMI in; set 'regions' in the [aws] table of"
                    + " Infra.toml or pass --regions");
        }
        if (new HashSet<>(request.regions()).size() != request.regions().size()) {
            throw TwoliterException.badInput("regions " + request.regions() + " name a region twice; list each once");
        }
        if (request.dataImage().isPresent() && request.layout().plan() == ImageLayout.PartitionPlan.UNIFIED) {
            // Upstream would send a data volume of size -1 here; refuse before creating anything instead.
            throw TwoliterException.badInput("data image '" + request.dataImage().get() + "' given, but the"
                    + " variant's image-layout has partition-plan 'unified' (one disk); drop the data image or use"
                    + " 'split'");
        }
    }
}
