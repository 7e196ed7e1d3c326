package pubsys.ami;

import common.ErrorCategory;
import common.TwoliterException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import pubsys.PublishLog;
import pubsys.ami.snapshot.Ec2Snapshots;
import pubsys.ami.snapshot.ProgressListener;
import pubsys.ami.snapshot.SnapshotGeometry;
import pubsys.ami.snapshot.SnapshotRequest;
import pubsys.ami.snapshot.SnapshotUploader;
import pubsys.ami.snapshot.UploadListener;
import pubsys.ami.snapshot.UploadProgress;
import pubsys.ami.snapshot.UploadedSnapshot;
import pubsys.aws.AwsClients;
import pubsys.aws.AwsErrors;
import pubsys.aws.Sleeper;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.RegisterImageRequest;

/**
 * Registers a new AMI in the base region (pubsys.md §10 step 4): upload the OS (and data) image to snapshots, wait
 * for them, RegisterImage. If anything fails, the snapshots this run created are deleted before the error is
 * reported; every snapshot is in the journal from its creation until an image holds it or it is deleted.
 */
final class AmiRegistrar {
    /** Makes the uploader for a region. */
    @FunctionalInterface
    interface Uploaders {
        SnapshotUploader in(String region) throws TwoliterException;
    }

    /** A registered image and the snapshots it is made of. */
    record Registered(String imageId, List<String> snapshotIds) {
        Registered {
            snapshotIds = List.copyOf(snapshotIds);
        }
    }

    static final String TAG_AMI_NAME = "twoliter:ami-name";
    static final String TAG_IMAGE_FILE = "twoliter:image-file";

    private final AwsClients clients;
    private final Uploaders uploaders;
    private final Sleeper sleeper;
    private final ProgressListener progress;

    AmiRegistrar(AwsClients clients, Uploaders uploaders, Sleeper sleeper, ProgressListener progress) {
        this.clients = clients;
        this.uploaders = uploaders;
        this.sleeper = sleeper;
        this.progress = progress;
    }

    Registered register(AmiRequest request, Optional<SnapshotJournal> journal, PublishLog log)
            throws TwoliterException {
        String region = request.baseRegion();
        String uefiData = request.uefiSecureBoot() ? readUefiData(request.uefiData()) : "";
        Created created = new Created(request, journal);
        String imageId;
        try {
            String os = upload(request, request.osImage(), created, log);
            Optional<String> data = Optional.empty();
            if (request.dataImage().isPresent()) {
                data = Optional.of(upload(request, request.dataImage().get(), created, log));
            }
            Ec2Client ec2 = clients.ec2(region);
            for (String id : created.ids()) {
                Ec2Snapshots.waitCompleted(ec2, region, id, sleeper, log);
            }
            imageId = registerImage(ec2, ImageRegistration.request(request, os, data, uefiData), region);
        } catch (TwoliterException e) {
            deleteCreated(created, log);
            throw new TwoliterException(e.category(), "Error registering " + request.arch() + " '" + request.name()
                    + "' in " + region + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            deleteCreated(created, log);
            throw e;
        }
        log.info("Registered AMI " + imageId + " '" + request.name() + "' in " + region);
        // The image holds the snapshots now. Should forgetting fail, the journal entries are harmless: the next run
        // finds the image using them and keeps them.
        created.forget(created.ids(), log);
        return new Registered(imageId, created.ids());
    }

    private String upload(AmiRequest request, Path image, Created created, PublishLog log) throws TwoliterException {
        String region = request.baseRegion();
        String file = image.getFileName().toString();
        log.info("Uploading '" + file + "' to an EBS snapshot in " + region);
        long started = System.nanoTime();
        UploadedSnapshot snapshot = uploaders.in(region).upload(
                new SnapshotRequest(image, file, Map.of(TAG_AMI_NAME, request.name(), TAG_IMAGE_FILE, file)),
                new UploadListener() {
                    @Override
                    public void started(String snapshotId) throws TwoliterException {
                        created.add(snapshotId);
                    }

                    @Override
                    public void progress(UploadProgress p) {
                        progress.progress(p);
                    }
                });
        double seconds = Math.max(1e-3, (System.nanoTime() - started) / 1e9);
        double imageMib = snapshot.blocksTotal() * (double) SnapshotGeometry.EBS_BLOCK_SIZE / (1 << 20);
        double sentMib = snapshot.blocksUploaded() * (double) SnapshotGeometry.EBS_BLOCK_SIZE / (1 << 20);
        log.info(String.format(java.util.Locale.ROOT, "Uploaded '%s' to %s (%d of %d blocks were not all zeros):"
                        + " %.1f s, %.0f MiB/s of image, %.1f MiB/s sent", file, snapshot.id(),
                snapshot.blocksUploaded(), snapshot.blocksTotal(), seconds, imageMib / seconds, sentMib / seconds));
        return snapshot.id();
    }

    private static String registerImage(Ec2Client ec2, RegisterImageRequest register, String region)
            throws TwoliterException {
        String id;
        try {
            id = ec2.registerImage(register).imageId();
        } catch (SdkException e) {
            throw AwsErrors.failure("RegisterImage", region, e);
        }
        if (id == null) {
            throw new TwoliterException(ErrorCategory.FAILURE, "RegisterImage in " + region + " returned no image id");
        }
        return id;
    }

    private void deleteCreated(Created created, PublishLog log) {
        String region = created.region();
        List<String> deleted = new ArrayList<>();
        for (String id : created.ids()) {
            try {
                if (Ec2Snapshots.delete(clients.ec2(region), region, id) == Ec2Snapshots.Deletion.IN_USE) {
                    // Only an image this very run registered can use it, so RegisterImage did succeed after all.
                    log.warn("Snapshot " + id + " in " + region + " is in use by an image; not deleting it");
                } else {
                    log.info("Deleted snapshot " + id + " in " + region + " after the failure");
                }
                deleted.add(id);
            } catch (TwoliterException e) {
                log.error("Could not delete snapshot " + id + " in " + region + ": " + e.getMessage()
                        + created.retryHint());
            }
        }
        created.forget(deleted, log);
    }

    /**
     * The snapshots this run made, mirrored in the journal from their creation until an image holds them or they
     * are deleted.
     */
    private static final class Created {
        private final AmiRequest request;
        private final Optional<SnapshotJournal> journal;
        private final List<String> ids = new ArrayList<>();

        Created(AmiRequest request, Optional<SnapshotJournal> journal) {
            this.request = request;
            this.journal = journal;
        }

        String region() {
            return request.baseRegion();
        }

        List<String> ids() {
            return List.copyOf(ids);
        }

        void add(String id) throws TwoliterException {
            ids.add(id);
            if (journal.isPresent()) {
                journal.get().add(entry(id));
            }
        }

        void forget(List<String> done, PublishLog log) {
            if (journal.isEmpty() || done.isEmpty()) {
                return;
            }
            try {
                journal.get().remove(done.stream().map(this::entry).toList());
            } catch (TwoliterException e) {
                log.warn(e.getMessage());
            }
        }

        String retryHint() {
            return journal.map(j -> "; the next run with the same --ami-output retries (journal '" + j.file() + "')")
                    .orElse("; delete it by hand");
        }

        private SnapshotJournal.Entry entry(String id) {
            return new SnapshotJournal.Entry(request.baseRegion(), id, request.name(), request.arch());
        }
    }

    private static String readUefiData(Path file) throws TwoliterException {
        // Upstream reads the file even for variants without secure boot; we read it only when it is sent, so
        // projects without sbkeys/ can publish AMIs of variants that do not use secure boot.
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw TwoliterException.badInput("cannot read the UEFI data file '" + file + "' (--uefi-data): "
                    + e.getMessage());
        }
    }
}
