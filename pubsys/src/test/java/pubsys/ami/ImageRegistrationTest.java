package pubsys.ami;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.model.BlockDeviceMapping;
import software.amazon.awssdk.services.ec2.model.RegisterImageRequest;

class ImageRegistrationTest {
    private static AmiRequest request(ImageLayout layout, boolean secureBoot, boolean data) {
        return AmiRequests.of(Path.of("os.img"), data ? Optional.of(Path.of("data.img")) : Optional.empty(),
                Path.of("efi.vars"), List.of("us-west-2"), layout, secureBoot, Optional.empty());
    }

    @Test
    void request_splitWithData_rootAndDataVolumesGp2() {
        RegisterImageRequest r = ImageRegistration.request(request(ImageLayout.DEFAULT, false, true), "snap-os",
                Optional.of("snap-data"), "uefi");

        assertThat(r.rootDeviceName()).isEqualTo("/dev/xvda");
        assertThat(r.blockDeviceMappings()).extracting(BlockDeviceMapping::deviceName)
                .containsExactly("/dev/xvda", "/dev/xvdb");
        assertThat(r.blockDeviceMappings()).extracting(m -> m.ebs().snapshotId(), m -> m.ebs().volumeSize(),
                        m -> m.ebs().volumeTypeAsString(), m -> m.ebs().deleteOnTermination())
                .containsExactly(org.assertj.core.groups.Tuple.tuple("snap-os", 2, "gp2", true),
                        org.assertj.core.groups.Tuple.tuple("snap-data", 20, "gp2", true));
        assertThat(r.architectureAsString()).isEqualTo("x86_64");
        assertThat(r.enaSupport()).isTrue();
        assertThat(r.sriovNetSupport()).isEqualTo("simple");
        assertThat(r.virtualizationType()).isEqualTo("hvm");
        assertThat(r.name()).isEqualTo(AmiRequests.NAME);
        assertThat(r.description()).isEqualTo("test image");
        assertThat(r.bootMode()).isNull();
        assertThat(r.uefiData()).isNull();
        assertThat(r.tpmSupport()).isNull();
        assertThat(r.imdsSupport()).isNull();
    }

    @Test
    void request_unified_oneRootVolumeOfTwentyTwoGib() {
        RegisterImageRequest r = ImageRegistration.request(request(new ImageLayout(2, 1, 22,
                ImageLayout.PartitionPlan.UNIFIED), false, false), "snap-os", Optional.empty(), "uefi");

        assertThat(r.blockDeviceMappings()).singleElement()
                .satisfies(m -> assertThat(m.ebs().volumeSize()).isEqualTo(22));
    }

    @Test
    void request_secureBoot_uefiPreferredWithUefiData() {
        RegisterImageRequest r = ImageRegistration.request(request(ImageLayout.DEFAULT, true, false), "snap-os",
                Optional.empty(), "efi-vars-text");

        assertThat(r.bootModeAsString()).isEqualTo("uefi-preferred");
        assertThat(r.uefiData()).isEqualTo("efi-vars-text");
    }
}
