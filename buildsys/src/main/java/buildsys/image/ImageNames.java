package buildsys.image;

import buildsys.manifest.ImageFormat;
import buildsys.manifest.PartitionPlan;
import buildsys.manifest.VariantName;
import common.Arch;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The names of a variant image build's outputs (buildsys.md §7.3): the directory {@code <version>-<build id>}, files
 * prefixed {@code P = <image name>-<variant>-<arch>-<version>-<build id>}, and for each image the links
 * {@code S{suffix}.{ext}}, {@code S-<version>{suffix}.{ext}} and {@code S-v<version>{suffix}.{ext}} with
 * {@code S = <image name>-<variant>-<arch>}.
 */
public record ImageNames(String imageName, VariantName variant, Arch arch, String versionId, String buildId) {
    /** Upstream's rpm2migrations and rpm2kmodkit use this prefix whatever BUILDSYS_NAME says. */
    static final String HARD_CODED_NAME = "bottlerocket";
    static final String INVENTORY = "application-inventory.json";

    public ImageNames {
        Objects.requireNonNull(variant);
        Objects.requireNonNull(arch);
        requireWord(imageName, "BUILDSYS_NAME");
        requireWord(versionId, "the release version");
        requireWord(buildId, "the build id");
    }

    /** The directory of this build's files: {@code <version>-<build id>}. */
    public String outputDirName() {
        return versionId + "-" + buildId;
    }

    /** The directory holding every build of this variant and arch: {@code <arch>-<variant>}. */
    public String variantDirName() {
        return arch.id() + "-" + variant.name();
    }

    /** {@code latest} in the variant directory, pointing at this build's directory. */
    public Symlink latestSymlink() {
        return new Symlink("latest", outputDirName());
    }

    /** {@code P}: the prefix of every image file. */
    public String filePrefix() {
        return symlinkPrefix() + "-" + versionId + "-" + buildId;
    }

    /** {@code S}: the prefix of the image links. */
    public String symlinkPrefix() {
        return imageName + "-" + variant.name() + "-" + arch.id();
    }

    public ImageArtifact osDisk(ImageFormat format) {
        return image("", diskExtension(format));
    }

    /** The data disk; only split partition plans have one. */
    public ImageArtifact dataDisk(ImageFormat format) {
        return image("-data", diskExtension(format));
    }

    /** The OVA bundling the OVF, its manifest and the vmdk disks; only the vmdk format has one. */
    public ImageArtifact ova() {
        return image("", "ova");
    }

    public ImageArtifact bootImage() {
        return image("-boot", "ext4.lz4");
    }

    /** The root filesystem; an erofs root keeps the {@code .ext4} name, as upstream. */
    public ImageArtifact rootImage() {
        return image("-root", "ext4.lz4");
    }

    public ImageArtifact verityImage() {
        return image("-root", "verity.lz4");
    }

    public ImageArtifact migrations() {
        return hardCoded("-migrations.tar");
    }

    /** The kmod kit, also linked by the name of its top directory, {@code <variant>-<arch>-kmod-kit-v<version>}. */
    public ImageArtifact kmodKit() {
        ImageArtifact kit = hardCoded("-kmod-kit.tar.xz");
        List<Symlink> links = new ArrayList<>(kit.symlinks());
        links.add(new Symlink(variant.name() + "-" + arch.id() + "-kmod-kit-v" + versionId + ".tar.xz",
                kit.fileName()));
        return new ImageArtifact(kit.fileName(), links);
    }

    public ImageArtifact inventory() {
        return new ImageArtifact(INVENTORY, List.of());
    }

    /** Everything a build of this format and plan leaves in {@link #outputDirName()}. */
    public List<ImageArtifact> artifacts(ImageFormat format, PartitionPlan plan) {
        List<ImageArtifact> artifacts = new ArrayList<>();
        artifacts.add(osDisk(format));
        if (plan == PartitionPlan.SPLIT) {
            artifacts.add(dataDisk(format));
        }
        if (format == ImageFormat.VMDK) {
            artifacts.add(ova());
        }
        artifacts.addAll(List.of(bootImage(), rootImage(), verityImage(), migrations(), kmodKit(), inventory()));
        return artifacts;
    }

    private ImageArtifact image(String suffix, String extension) {
        String target = filePrefix() + suffix + "." + extension;
        return new ImageArtifact(target, links(symlinkPrefix(), suffix + "." + extension, target));
    }

    private ImageArtifact hardCoded(String suffix) {
        String prefix = HARD_CODED_NAME + "-" + variant.name() + "-" + arch.id();
        String target = prefix + "-" + versionId + "-" + buildId + suffix;
        return new ImageArtifact(target, links(prefix, suffix, target));
    }

    private List<Symlink> links(String prefix, String suffix, String target) {
        return List.of(new Symlink(prefix + suffix, target),
                new Symlink(prefix + "-" + versionId + suffix, target),
                new Symlink(prefix + "-v" + versionId + suffix, target));
    }

    private static String diskExtension(ImageFormat format) {
        return switch (format) {
            case RAW -> "img.lz4";
            case QCOW2 -> "qcow2";
            case VMDK -> "vmdk";
        };
    }

    private static void requireWord(String value, String what) {
        Objects.requireNonNull(value, what);
        if (value.isEmpty() || !value.chars().allMatch(c -> c > ' ' && c != '/' && c < 0x7f)) {
            throw new IllegalArgumentException(what + " must be a non-empty name without '/' or spaces to be part"
                    + " of image file names, got '" + value + "'");
        }
    }
}
