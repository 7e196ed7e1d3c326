package pubsys.ami;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import pubsys.aws.Ec2Arch;

/**
 * One {@code ami} run (pubsys.md §1, §10): the images, the AMI's name and architecture, the regions (the first is
 * where the image is registered, the others get copies) and what the CLI read from the variant's manifest.
 *
 * @param osImage        the OS disk image, raw or {@code .img.lz4}
 * @param dataImage      the data disk image; only for split layouts
 * @param uefiData       the EFI variables file sent as UefiData; read only for secure-boot variants (upstream
 *                       reads it always)
 * @param layout         the variant's image-layout
 * @param uefiSecureBoot whether the variant's image-features enable {@code uefi-secure-boot}
 * @param amiOutput      where amis.json is written on success; a {@code .pending} journal lives beside it.
 *                       Without it there is no journal, so the snapshots of a killed run are not cleaned up
 */
public record AmiRequest(Path osImage, Optional<Path> dataImage, Path uefiData, Ec2Arch arch, String name,
                         Optional<String> description, List<String> regions, ImageLayout layout,
                         boolean uefiSecureBoot, Optional<Path> amiOutput) {
    public AmiRequest {
        Objects.requireNonNull(osImage);
        Objects.requireNonNull(dataImage);
        Objects.requireNonNull(uefiData);
        Objects.requireNonNull(arch);
        Objects.requireNonNull(name);
        Objects.requireNonNull(description);
        regions = List.copyOf(regions);
        Objects.requireNonNull(layout);
        Objects.requireNonNull(amiOutput);
    }

    /** The region the image is registered in. */
    public String baseRegion() {
        return regions.get(0);
    }

    /** The regions that receive copies. */
    public List<String> copyRegions() {
        return regions.subList(1, regions.size());
    }
}
