package buildsys.manifest;

import java.util.Objects;

/** {@code [package.metadata.build-variant.image-layout]}, with upstream's defaults (2 GiB OS, 1 GiB data, 22, split). */
public record ImageLayout(int osImageSizeGib, int dataImageSizeGib, int publishImageSizeHintGib,
                          PartitionPlan partitionPlan) {
    public static final ImageLayout DEFAULT = new ImageLayout(2, 1, 22, PartitionPlan.SPLIT);

    public ImageLayout {
        Objects.requireNonNull(partitionPlan);
        if (osImageSizeGib < 1 || dataImageSizeGib < 1 || publishImageSizeHintGib < 0) {
            throw new IllegalArgumentException("image sizes must be positive");
        }
    }

    /**
     * The sizes an AMI publishes: the hint, or the sum of OS and data when larger. Split layouts publish
     * (os, total - os); unified ones publish (total, -1), as upstream's {@code publish_image_sizes_gib}.
     */
    public PublishSizes publishSizes() {
        int total = Math.max(publishImageSizeHintGib, osImageSizeGib + dataImageSizeGib);
        return partitionPlan == PartitionPlan.SPLIT
                ? new PublishSizes(osImageSizeGib, total - osImageSizeGib)
                : new PublishSizes(total, -1);
    }

    /** Published OS and data volume sizes in GiB; data is -1 when there is no separate data volume. */
    public record PublishSizes(int osGib, int dataGib) {
    }
}
