package pubsys.ami;

import common.ErrorCategory;
import common.TwoliterException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import pubsys.PublishLog;
import pubsys.aws.AwsClients;
import pubsys.aws.AwsErrors;
import pubsys.aws.Parallel;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Image;

/**
 * Puts the base image into the other regions (pubsys.md §10 step 8): a region that already has an image of that
 * name and architecture keeps it; the others get a CopyImage issued from their own client, not waited on. Every
 * region is tried; any failure fails the whole step afterwards.
 */
final class RegionCopies {
    private RegionCopies() {
    }

    static Map<String, AmiRecord> copy(AwsClients clients, AmiRequest request, String sourceImageId, PublishLog log)
            throws TwoliterException {
        Map<String, AmiRecord> out = new LinkedHashMap<>();
        List<String> failed = new ArrayList<>();
        for (Parallel.Outcome<String, AmiRecord> o : Parallel.perRegion(request.copyRegions(),
                r -> copyTo(clients, request, sourceImageId, r, log)).values()) {
            if (o.ok()) {
                out.put(o.item(), o.value());
            } else {
                failed.add(o.item());
                log.error("Copy to " + o.item() + " failed: " + o.error().getMessage());
            }
        }
        if (!failed.isEmpty()) {
            throw new TwoliterException(ErrorCategory.FAILURE, "Some AMIs failed to copy, see above (regions "
                    + failed + "); run again to retry: regions that already have '" + request.name()
                    + "' keep it");
        }
        return out;
    }

    private static AmiRecord copyTo(AwsClients clients, AmiRequest request, String sourceImageId, String region,
                                    PublishLog log) throws TwoliterException {
        Ec2Client ec2 = clients.ec2(region);
        Optional<Image> existing = Ec2Images.findByName(ec2, region, request.name(), request.arch());
        if (existing.isPresent()) {
            String id = existing.get().imageId();
            log.info("Found '" + request.name() + "' already registered in " + region + ": " + id);
            return new AmiRecord(id, request.name(), Boolean.TRUE.equals(existing.get().publicLaunchPermissions()),
                    Ec2Images.launchPermissions(ec2, region, id));
        }
        String base = request.baseRegion();
        String id;
        try {
            // One token per copy: SDK retries of this request reuse it, so a retried copy is not made twice.
            id = ec2.copyImage(b -> b.name(request.name()).description(request.description().orElse(null))
                    .sourceImageId(sourceImageId).sourceRegion(base).clientToken(UUID.randomUUID().toString()))
                    .imageId();
        } catch (SdkException e) {
            throw new TwoliterException(ErrorCategory.FAILURE, AwsErrors.describe("CopyImage of " + sourceImageId
                    + " from " + base, region, e), e);
        }
        if (id == null) {
            throw new TwoliterException(ErrorCategory.FAILURE, "CopyImage in " + region + " returned no image id");
        }
        log.info("Copying " + sourceImageId + " from " + base + " to " + region + ": " + id);
        return AmiRecord.fresh(id, request.name());
    }
}
