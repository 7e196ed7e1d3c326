package buildsys.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import buildsys.manifest.ImageFormat;
import buildsys.manifest.PartitionPlan;
import buildsys.manifest.VariantName;
import common.Arch;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ImageNamesTest {
    private ImageNames names;

    @BeforeEach
    void names() throws Exception {
        names = new ImageNames("bottlerocket", VariantName.parse("aws-k8s-1.31"), Arch.X86_64, "1.26.1", "abc1234");
    }

    // buildsys.md §11 case 30.
    @Test
    void artifacts_rawSplit_case30() {
        assertThat(names.variantDirName()).isEqualTo("x86_64-aws-k8s-1.31");
        assertThat(names.outputDirName()).isEqualTo("1.26.1-abc1234");
        assertThat(names.latestSymlink()).isEqualTo(new Symlink("latest", "1.26.1-abc1234"));
        assertThat(lines(names.artifacts(ImageFormat.RAW, PartitionPlan.SPLIT))).containsExactly(
                "bottlerocket-aws-k8s-1.31-x86_64-1.26.1-abc1234.img.lz4",
                "  bottlerocket-aws-k8s-1.31-x86_64.img.lz4",
                "  bottlerocket-aws-k8s-1.31-x86_64-1.26.1.img.lz4",
                "  bottlerocket-aws-k8s-1.31-x86_64-v1.26.1.img.lz4",
                "bottlerocket-aws-k8s-1.31-x86_64-1.26.1-abc1234-data.img.lz4",
                "  bottlerocket-aws-k8s-1.31-x86_64-data.img.lz4",
                "  bottlerocket-aws-k8s-1.31-x86_64-1.26.1-data.img.lz4",
                "  bottlerocket-aws-k8s-1.31-x86_64-v1.26.1-data.img.lz4",
                "bottlerocket-aws-k8s-1.31-x86_64-1.26.1-abc1234-boot.ext4.lz4",
                "  bottlerocket-aws-k8s-1.31-x86_64-boot.ext4.lz4",
                "  bottlerocket-aws-k8s-1.31-x86_64-1.26.1-boot.ext4.lz4",
                "  bottlerocket-aws-k8s-1.31-x86_64-v1.26.1-boot.ext4.lz4",
                "bottlerocket-aws-k8s-1.31-x86_64-1.26.1-abc1234-root.ext4.lz4",
                "  bottlerocket-aws-k8s-1.31-x86_64-root.ext4.lz4",
                "  bottlerocket-aws-k8s-1.31-x86_64-1.26.1-root.ext4.lz4",
                "  bottlerocket-aws-k8s-1.31-x86_64-v1.26.1-root.ext4.lz4",
                "bottlerocket-aws-k8s-1.31-x86_64-1.26.1-abc1234-root.verity.lz4",
                "  bottlerocket-aws-k8s-1.31-x86_64-root.verity.lz4",
                "  bottlerocket-aws-k8s-1.31-x86_64-1.26.1-root.verity.lz4",
                "  bottlerocket-aws-k8s-1.31-x86_64-v1.26.1-root.verity.lz4",
                "bottlerocket-aws-k8s-1.31-x86_64-1.26.1-abc1234-migrations.tar",
                "  bottlerocket-aws-k8s-1.31-x86_64-migrations.tar",
                "  bottlerocket-aws-k8s-1.31-x86_64-1.26.1-migrations.tar",
                "  bottlerocket-aws-k8s-1.31-x86_64-v1.26.1-migrations.tar",
                "bottlerocket-aws-k8s-1.31-x86_64-1.26.1-abc1234-kmod-kit.tar.xz",
                "  bottlerocket-aws-k8s-1.31-x86_64-kmod-kit.tar.xz",
                "  bottlerocket-aws-k8s-1.31-x86_64-1.26.1-kmod-kit.tar.xz",
                "  bottlerocket-aws-k8s-1.31-x86_64-v1.26.1-kmod-kit.tar.xz",
                "  aws-k8s-1.31-x86_64-kmod-kit-v1.26.1.tar.xz",
                "application-inventory.json");
    }

    /** Each artifact's file name, then its links indented; every link must point at the file. */
    private static List<String> lines(List<ImageArtifact> artifacts) {
        List<String> lines = new ArrayList<>();
        for (ImageArtifact artifact : artifacts) {
            lines.add(artifact.fileName());
            for (Symlink link : artifact.symlinks()) {
                assertThat(link.target()).isEqualTo(artifact.fileName());
                lines.add("  " + link.name());
            }
        }
        return lines;
    }

    @ParameterizedTest
    @CsvSource({"RAW, img.lz4", "QCOW2, qcow2", "VMDK, vmdk"})
    void osDisk_extensionFollowsTheFormat(ImageFormat format, String extension) {
        ImageArtifact disk = names.osDisk(format);

        assertThat(disk.fileName()).isEqualTo("bottlerocket-aws-k8s-1.31-x86_64-1.26.1-abc1234." + extension);
        assertThat(disk.symlinks()).extracting(Symlink::name).containsExactly(
                "bottlerocket-aws-k8s-1.31-x86_64." + extension,
                "bottlerocket-aws-k8s-1.31-x86_64-1.26.1." + extension,
                "bottlerocket-aws-k8s-1.31-x86_64-v1.26.1." + extension);
        assertThat(names.dataDisk(format).fileName())
                .isEqualTo("bottlerocket-aws-k8s-1.31-x86_64-1.26.1-abc1234-data." + extension);
    }

    @Test
    void artifacts_vmdkUnified_hasOvaButNoDataDisk() {
        assertThat(names.artifacts(ImageFormat.VMDK, PartitionPlan.UNIFIED)).extracting(ImageArtifact::fileName)
                .containsExactly(
                        "bottlerocket-aws-k8s-1.31-x86_64-1.26.1-abc1234.vmdk",
                        "bottlerocket-aws-k8s-1.31-x86_64-1.26.1-abc1234.ova",
                        "bottlerocket-aws-k8s-1.31-x86_64-1.26.1-abc1234-boot.ext4.lz4",
                        "bottlerocket-aws-k8s-1.31-x86_64-1.26.1-abc1234-root.ext4.lz4",
                        "bottlerocket-aws-k8s-1.31-x86_64-1.26.1-abc1234-root.verity.lz4",
                        "bottlerocket-aws-k8s-1.31-x86_64-1.26.1-abc1234-migrations.tar",
                        "bottlerocket-aws-k8s-1.31-x86_64-1.26.1-abc1234-kmod-kit.tar.xz",
                        "application-inventory.json");
        assertThat(names.ova().symlinks()).extracting(Symlink::name).containsExactly(
                "bottlerocket-aws-k8s-1.31-x86_64.ova",
                "bottlerocket-aws-k8s-1.31-x86_64-1.26.1.ova",
                "bottlerocket-aws-k8s-1.31-x86_64-v1.26.1.ova");
    }

    // Upstream's rpm2migrations and rpm2kmodkit hard-code the 'bottlerocket-' prefix.
    @Test
    void migrationsAndKmodKit_otherImageName_keepBottlerocketPrefix() throws Exception {
        ImageNames acme = new ImageNames("acme", VariantName.parse("metal-dev"), Arch.AARCH64, "1.0.0",
                "0123abc-dirty");

        assertThat(acme.osDisk(ImageFormat.RAW).fileName())
                .isEqualTo("acme-metal-dev-aarch64-1.0.0-0123abc-dirty.img.lz4");
        assertThat(acme.migrations().fileName())
                .isEqualTo("bottlerocket-metal-dev-aarch64-1.0.0-0123abc-dirty-migrations.tar");
        assertThat(acme.kmodKit().fileName())
                .isEqualTo("bottlerocket-metal-dev-aarch64-1.0.0-0123abc-dirty-kmod-kit.tar.xz");
    }

    @Test
    void imageNames_slashInTheBuildId_isRejected() {
        assertThatThrownBy(() -> new ImageNames("bottlerocket", VariantName.parse("aws-dev"), Arch.X86_64, "1.0.0",
                "a/b"))
                .hasMessage("the build id must be a non-empty name without '/' or spaces to be part of image file"
                        + " names, got 'a/b'");
    }
}
