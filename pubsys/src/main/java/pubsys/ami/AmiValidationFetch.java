package pubsys.ami;

import common.TwoliterException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import pubsys.aws.AwsErrors;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Image;

/** What EC2 reports for one region's expected AMIs, as definitions to compare (pubsys.md §12 validate-ami). */
final class AmiValidationFetch {
    private AmiValidationFetch() {
    }

    /**
     * The images EC2 has among {@code expected}, by id. Launch permissions are read only for images expected to be
     * private, as upstream; for the others they stay absent.
     */
    static Map<String, AmiValidationImageDef> actual(Ec2Client ec2, String region,
                                                     List<AmiValidationImageDef> expected) throws TwoliterException {
        List<String> ids = expected.stream().map(AmiValidationImageDef::id).distinct().toList();
        Set<String> expectedPrivate = expected.stream().filter(d -> !d.isPublic()).map(AmiValidationImageDef::id)
                .collect(Collectors.toSet());
        Map<String, AmiValidationImageDef> out = new LinkedHashMap<>();
        for (Image image : describe(ec2, region, ids)) {
            Optional<List<LaunchPermission>> perms = expectedPrivate.contains(image.imageId())
                    ? Optional.of(Ec2Images.launchPermissions(ec2, region, image.imageId()))
                    : Optional.empty();
            out.put(image.imageId(), new AmiValidationImageDef(image.imageId(),
                    image.name() == null ? "" : image.name(), Boolean.TRUE.equals(image.publicLaunchPermissions()),
                    perms,
                    Boolean.TRUE.equals(image.enaSupport()),
                    image.sriovNetSupport() == null ? "" : image.sriovNetSupport()));
        }
        return out;
    }

    private static List<Image> describe(Ec2Client ec2, String region, List<String> ids) throws TwoliterException {
        if (ids.isEmpty()) {
            // DescribeImages without ids would list every image we may launch, not none.
            return List.of();
        }
        try {
            List<Image> images = new ArrayList<>();
            ec2.describeImagesPaginator(b -> b.imageIds(ids).includeDeprecated(true)).images().forEach(images::add);
            return images;
        } catch (SdkException e) {
            if (!AwsErrors.code(e).startsWith("InvalidAMIID")) {
                throw AwsErrors.failure("DescribeImages (" + ids.size() + " expected AMIs)", region, e);
            }
        }
        // EC2 fails the whole call when one id is unknown or malformed; asking for each one alone lets the others
        // still be compared and the unknown ones count as Missing rather than the region as Unreachable.
        List<Image> images = new ArrayList<>();
        for (String id : ids) {
            Ec2Images.describe(ec2, region, id).ifPresent(images::add);
        }
        return images;
    }
}
