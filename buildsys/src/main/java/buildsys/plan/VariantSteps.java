package buildsys.plan;

import buildsys.image.PartitionPlanner;
import buildsys.image.PartitionTable;
import buildsys.manifest.ImageFeature;
import buildsys.manifest.VariantSpec;
import common.TwoliterException;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The declared values of a variant's two actions. The root filesystem step sees only what shapes the root (the
 * packages, names and versions, the root and hash partition sizes, the filesystem kinds); the image step sees the
 * rest (kernel parameters, layout, format, features).
 */
final class VariantSteps {
    static final String ROOTFS = "rootfs";
    static final String IMAGE = "image";

    private final VariantSpec spec;
    private final BuildIdentity identity;

    private VariantSteps(VariantSpec spec, BuildIdentity identity) {
        this.spec = spec;
        this.identity = identity;
    }

    static VariantSteps of(VariantSpec spec, BuildIdentity identity) throws TwoliterException {
        if (spec.imageFeatures().contains(ImageFeature.UEFI_SECURE_BOOT)) {
            throw TwoliterException.notImplemented("variant '" + spec.name() + "' enables the image feature"
                    + " 'uefi-secure-boot', but signing images is not supported in this version of twoliter yet;"
                    + " set it to false in [package.metadata.build-variant.image-features] to build unsigned images");
        }
        return new VariantSteps(spec, identity);
    }

    SortedMap<String, String> rootfsEnv() {
        SortedMap<String, String> env = common();
        env.put("PACKAGES", String.join(" ", spec.includedPackages()));
        PartitionTable os = PartitionPlanner.plan(spec.imageLayout(),
                spec.imageFeatures().contains(ImageFeature.IN_PLACE_UPDATES)).osDisk();
        env.put("ROOT_SIZE_MIB", Long.toString(os.partition("ROOT-A").sizeMib()));
        env.put("HASH_SIZE_MIB", Long.toString(os.partition("HASH-A").sizeMib()));
        env.put("ROOT_FS", spec.imageFeatures().contains(ImageFeature.EROFS_ROOT_PARTITION) ? "erofs" : "ext4");
        env.put("DATA_FS", dataFs());
        env.put("SYSTEMD_NETWORKD", spec.imageFeatures().contains(ImageFeature.SYSTEMD_NETWORKD) ? "yes" : "no");
        return env;
    }

    SortedMap<String, String> imageEnv() {
        SortedMap<String, String> env = common();
        env.put("IMAGE_FORMAT", spec.imageFormat().key());
        env.put("PARTITION_PLAN", spec.imageLayout().partitionPlan().key());
        env.put("OS_IMAGE_SIZE_GIB", Integer.toString(spec.imageLayout().osImageSizeGib()));
        env.put("DATA_IMAGE_SIZE_GIB", Integer.toString(spec.imageLayout().dataImageSizeGib()));
        env.put("KERNEL_PARAMETERS", String.join(" ", spec.kernelParameters()));
        env.put("IMAGE_FEATURES", spec.imageFeatures().stream().map(ImageFeature::key).sorted()
                .collect(Collectors.joining(" ")));
        env.put("DATA_FS", dataFs());
        return env;
    }

    private SortedMap<String, String> common() {
        SortedMap<String, String> env = new TreeMap<>();
        env.put("VARIANT", spec.name().name());
        env.put("VERSION_ID", identity.releaseVersion());
        env.put("BUILD_ID", identity.buildId());
        env.put("IMAGE_NAME", identity.imageName());
        env.put("PRETTY_NAME", identity.prettyName());
        return env;
    }

    private String dataFs() {
        return spec.imageFeatures().contains(ImageFeature.XFS_DATA_PARTITION) ? "xfs" : "ext4";
    }
}
