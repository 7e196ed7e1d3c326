package pubsys.ami;

import common.TwoliterException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import pubsys.ami.snapshot.ImageSource;
import pubsys.ami.snapshot.SnapshotGeometry;

/**
 * The dry run of {@code ami}: one line per AWS call (or group of calls) that {@link AmiPublisher#publish} would make,
 * region first, assuming nothing is registered yet. Reads local files (images, journal) but never calls AWS.
 */
final class AmiPlan {
    private AmiPlan() {
    }

    static List<String> lines(AmiRequest request, Optional<SnapshotJournal> journal) throws TwoliterException {
        List<String> lines = new ArrayList<>();
        String base = request.baseRegion();
        String lookup = "DescribeImages owner=self name=" + request.name() + " arch=" + request.arch().ec2()
                + " image-type=machine virtualization-type=hvm";
        if (journal.isPresent()) {
            leftovers(journal.get(), lines);
        }
        lines.add(base + " ec2 " + lookup + " (if found, it is reused and the uploads and RegisterImage below are"
                + " skipped)");
        List<Path> images = new ArrayList<>();
        images.add(request.osImage());
        request.dataImage().ifPresent(images::add);
        for (Path image : images) {
            ImageSource source = ImageSource.open(image);
            SnapshotGeometry g = new SnapshotGeometry(source.size(), SnapshotGeometry.EBS_BLOCK_SIZE);
            String file = image.getFileName().toString();
            lines.add(base + " ebs StartSnapshot volume-size=" + g.volumeSizeGiB() + " description=" + file
                    + " + PutSnapshotBlock (non-zero blocks of " + g.blockCount() + ", assuming EBS's block size "
                    + g.blockSize() + ") + CompleteSnapshot for " + image);
        }
        for (Path image : images) {
            lines.add(base + " ec2 DescribeSnapshots (" + image.getFileName() + ") until completed 3 times in a row");
        }
        lines.add(base + " ec2 " + register(request));
        if (!request.copyRegions().isEmpty()) {
            lines.add(base + " ec2 DescribeImages image-id=<new image> until available 3 times in a row");
            lines.add(base + " sts GetCallerIdentity");
            for (String r : request.copyRegions()) {
                lines.add(r + " sts GetCallerIdentity");
            }
            String others = "the accounts of " + request.copyRegions() + " other than " + base + "'s, if any";
            lines.add(base + " ec2 ModifySnapshotAttribute createVolumePermission add " + others
                    + " (each snapshot)");
            lines.add(base + " ec2 ModifyImageAttribute launchPermission add " + others);
            for (String r : request.copyRegions()) {
                lines.add(r + " ec2 " + lookup);
                lines.add(r + " ec2 CopyImage from " + base + " (unless found)");
            }
        }
        request.amiOutput().ifPresent(p -> lines.add("write " + p));
        return lines;
    }

    private static void leftovers(SnapshotJournal journal, List<String> lines) throws TwoliterException {
        journal.read().stream().collect(Collectors.groupingBy(SnapshotJournal.Entry::region,
                        LinkedHashMap::new,
                        Collectors.mapping(SnapshotJournal.Entry::snapshotId, Collectors.toList())))
                .forEach((region, ids) -> lines.add(region + " ec2 DescribeImages of the image they were for +"
                        + " DeleteSnapshot " + String.join(",", ids) + " unless that image uses them (left by an"
                        + " interrupted run, listed in " + journal.file() + ")"));
    }

    private static String register(AmiRequest request) {
        ImageLayout.Volumes v = request.layout().volumes();
        StringBuilder b = new StringBuilder("RegisterImage name=").append(request.name())
                .append(" arch=").append(request.arch().ec2())
                .append(" ").append(ImageRegistration.ROOT_DEVICE).append("=").append(v.osGiB()).append("GiB-gp2");
        if (request.dataImage().isPresent()) {
            b.append(" ").append(ImageRegistration.DATA_DEVICE).append("=").append(v.dataGiB().orElseThrow())
                    .append("GiB-gp2");
        }
        b.append(" ena sriov=simple hvm");
        if (request.uefiSecureBoot()) {
            b.append(" boot-mode=uefi-preferred uefi-data=").append(request.uefiData().getFileName());
        }
        return b.toString();
    }
}
