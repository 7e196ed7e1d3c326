package pubsys.ami;

import common.TwoliterException;
import java.util.Locale;
import java.util.OptionalInt;

/**
 * The variant's {@code image-layout} as far as AMIs care: OS and data image sizes, the size hint for published
 * images, and whether OS and data share one disk. It decides the EBS volume sizes (pubsys.md §10 step 4a).
 */
public record ImageLayout(int osImageSizeGiB, int dataImageSizeGiB, int publishImageSizeHintGiB, PartitionPlan plan) {
    /** Upstream's defaults when the variant's manifest says nothing: 2, 1, 22 GiB, split. */
    public static final ImageLayout DEFAULT = new ImageLayout(2, 1, 22, PartitionPlan.SPLIT);

    /** Separate OS and data disks, or one disk holding both. */
    public enum PartitionPlan {
        SPLIT, UNIFIED;

        /** {@code split} or {@code unified}, as {@code partition-plan} in the variant's Cargo.toml spells it. */
        public static PartitionPlan parse(String value) throws TwoliterException {
            return switch (value.strip().toLowerCase(Locale.ROOT)) {
                case "split" -> SPLIT;
                case "unified" -> UNIFIED;
                default -> throw TwoliterException.badInput("'partition-plan' in the variant's image-layout must be"
                        + " 'split' or 'unified', got '" + value + "'");
            };
        }
    }

    /** The volume sizes to register: the root volume, and the data volume for split layouts. */
    public record Volumes(int osGiB, OptionalInt dataGiB) {
    }

    public ImageLayout {
        requirePositive("os-image-size-gib", osImageSizeGiB);
        requirePositive("data-image-size-gib", dataImageSizeGiB);
        requirePositive("publish-image-size-hint-gib", publishImageSizeHintGiB);
        java.util.Objects.requireNonNull(plan);
    }

    /**
     * Split: the root volume is the OS image size and the data volume takes the rest of max(hint, os + data).
     * Unified: one volume of max(hint, os + data).
     */
    public Volumes volumes() {
        int total = Math.max(publishImageSizeHintGiB, Math.addExact(osImageSizeGiB, dataImageSizeGiB));
        return switch (plan) {
            case SPLIT -> new Volumes(osImageSizeGiB, OptionalInt.of(total - osImageSizeGiB));
            case UNIFIED -> new Volumes(total, OptionalInt.empty());
        };
    }

    private static void requirePositive(String key, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException("'" + key + "' in the variant's image-layout must be a positive number"
                    + " of GiB, got " + value);
        }
    }
}
