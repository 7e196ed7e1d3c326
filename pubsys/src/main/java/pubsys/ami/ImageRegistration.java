package pubsys.ami;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.ec2.model.BlockDeviceMapping;
import software.amazon.awssdk.services.ec2.model.BootModeValues;
import software.amazon.awssdk.services.ec2.model.RegisterImageRequest;
import software.amazon.awssdk.services.ec2.model.VolumeType;

/**
 * The RegisterImage call with upstream's constants (pubsys.md §10 step 4e): root {@code /dev/xvda}, data
 * {@code /dev/xvdb} when there is a data snapshot, gp2 volumes deleted on termination, ENA, SR-IOV {@code simple},
 * HVM, and BootMode {@code uefi-preferred} with UefiData only for secure-boot variants. No TPM or IMDS settings.
 */
final class ImageRegistration {
    static final String ROOT_DEVICE = "/dev/xvda";
    static final String DATA_DEVICE = "/dev/xvdb";

    private ImageRegistration() {
    }

    /**
     * @param uefiData the EFI variables text; sent only when the request's variant enables secure boot
     */
    static RegisterImageRequest request(AmiRequest request, String osSnapshot, Optional<String> dataSnapshot,
                                        String uefiData) {
        ImageLayout.Volumes volumes = request.layout().volumes();
        List<BlockDeviceMapping> mappings = new ArrayList<>();
        mappings.add(mapping(ROOT_DEVICE, osSnapshot, volumes.osGiB()));
        dataSnapshot.ifPresent(id -> mappings.add(mapping(DATA_DEVICE, id, volumes.dataGiB().orElseThrow(
                () -> new IllegalStateException("a data snapshot needs a split layout")))));
        RegisterImageRequest.Builder b = RegisterImageRequest.builder()
                .architecture(request.arch().ec2())
                .rootDeviceName(ROOT_DEVICE)
                .blockDeviceMappings(mappings)
                .enaSupport(true)
                .sriovNetSupport("simple")
                .virtualizationType("hvm")
                .name(request.name());
        request.description().ifPresent(b::description);
        if (request.uefiSecureBoot()) {
            b.bootMode(BootModeValues.UEFI_PREFERRED).uefiData(uefiData);
        }
        return b.build();
    }

    private static BlockDeviceMapping mapping(String device, String snapshot, int sizeGiB) {
        return BlockDeviceMapping.builder().deviceName(device).ebs(e -> e.deleteOnTermination(true)
                .snapshotId(snapshot).volumeType(VolumeType.GP2).volumeSize(sizeGiB)).build();
    }
}
