package pubsys.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import pubsys.aws.AwsClients;
import pubsys.infra.AwsConfig;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.ebs.EbsClient;
import software.amazon.awssdk.services.ebs.model.ChecksumAggregationMethod;
import software.amazon.awssdk.services.ebs.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.ArchitectureValues;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.Image;
import software.amazon.awssdk.services.ec2.model.ImageAttributeName;
import software.amazon.awssdk.services.ec2.model.LaunchPermission;
import software.amazon.awssdk.services.ec2.model.OperationType;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterAlreadyExistsException;

/** The emulator answers the AWS SDK in each protocol, keeps state across calls and injects faults. */
class AwsEmulatorTest {
    private final AwsEmulator emu = AwsEmulator.start();

    @AfterEach
    void stop() {
        emu.close();
    }

    private AwsClients clients(AwsConfig config) {
        return emu.clients(config, "us-west-2");
    }

    @Test
    void snapshotUpload_thenRegisterAndCopy_keepsStatePerRegion() throws Exception {
        try (AwsClients c = clients(AwsConfig.empty())) {
            EbsClient ebs = c.ebs("us-west-2");
            var started = ebs.startSnapshot(b -> b.volumeSize(1L).description("os.img").timeout(10));
            assertThat(started.blockSize()).isEqualTo(524288);
            byte[] block = new byte[524288];
            block[7] = 42;
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(block);
            String checksum = Base64.getEncoder().encodeToString(digest);
            ebs.putSnapshotBlock(b -> b.snapshotId(started.snapshotId()).blockIndex(3).dataLength(524288)
                    .checksum(checksum).checksumAlgorithm(ChecksumAlgorithm.SHA256), RequestBody.fromBytes(block));
            String aggregate = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256")
                    .digest(digest));
            ebs.completeSnapshot(b -> b.snapshotId(started.snapshotId()).changedBlocksCount(1).checksum(aggregate)
                    .checksumAlgorithm(ChecksumAlgorithm.SHA256)
                    .checksumAggregationMethod(ChecksumAggregationMethod.LINEAR));
            Ec2Client ec2 = c.ec2("us-west-2");
            assertThat(ec2.describeSnapshots(b -> b.snapshotIds(started.snapshotId())).snapshots().get(0)
                    .stateAsString()).isEqualTo("completed");
            assertThat(emu.snapshots("us-west-2").get(0).blockChecksums()).containsOnlyKeys(3);

            String ami = ec2.registerImage(b -> b.name("n1").architecture(ArchitectureValues.ARM64)
                    .rootDeviceName("/dev/xvda").enaSupport(true).sriovNetSupport("simple")
                    .virtualizationType("hvm").blockDeviceMappings(m -> m.deviceName("/dev/xvda")
                            .ebs(e -> e.snapshotId(started.snapshotId()).volumeSize(2).volumeType("gp2")
                                    .deleteOnTermination(true)))).imageId();
            Image image = ec2.describeImages(b -> b.owners("self").filters(f -> f.name("name").values("n1"),
                    f -> f.name("architecture").values("arm64"))).images().get(0);
            assertThat(image.imageId()).isEqualTo(ami);
            assertThat(image.stateAsString()).isEqualTo("available");
            assertThat(image.blockDeviceMappings().get(0).ebs().snapshotId()).isEqualTo(started.snapshotId());
            assertThat(emu.calls("RegisterImage").get(0).params())
                    .containsEntry("BlockDeviceMapping.1.Ebs.VolumeSize", "2");

            String copy = c.ec2("us-east-1").copyImage(b -> b.name("n1").sourceImageId(ami)
                    .sourceRegion("us-west-2")).imageId();
            assertThat(emu.images("us-east-1")).extracting(AwsEmulator.FakeImage::id).containsExactly(copy);
            assertThat(emu.calls("CopyImage").get(0).region()).isEqualTo("us-east-1");

            ec2.modifyImageAttribute(b -> b.imageId(ami).attribute("launchPermission")
                    .operationType(OperationType.ADD).userGroups("all").userIds("222233334444"));
            assertThat(ec2.describeImageAttribute(b -> b.imageId(ami)
                    .attribute(ImageAttributeName.LAUNCH_PERMISSION)).launchPermissions())
                    .extracting(LaunchPermission::groupAsString, LaunchPermission::userId)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("all", null),
                            org.assertj.core.groups.Tuple.tuple(null, "222233334444"));
            assertThat(ec2.describeImages(b -> b.imageIds(ami)).images().get(0).publicLaunchPermissions()).isTrue();

            assertThatThrownBy(() -> ec2.deleteSnapshot(b -> b.snapshotId(started.snapshotId())))
                    .isInstanceOfSatisfying(Ec2Exception.class, e -> assertThat(e.awsErrorDetails().errorCode())
                            .isEqualTo("InvalidSnapshot.InUse"));
        }
    }

    @Test
    void completeSnapshot_wrongAggregate_leavesSnapshotInError() {
        try (AwsClients c = clients(AwsConfig.empty())) {
            var started = c.ebs("us-west-2").startSnapshot(b -> b.volumeSize(1L));
            c.ebs("us-west-2").completeSnapshot(b -> b.snapshotId(started.snapshotId()).changedBlocksCount(0)
                    .checksum("AAAA").checksumAlgorithm(ChecksumAlgorithm.SHA256)
                    .checksumAggregationMethod(ChecksumAggregationMethod.LINEAR));
            assertThat(emu.snapshots("us-west-2").get(0).state()).isEqualTo("error");
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void regionalRole_givesTheRoleAccountsIdentity() throws Exception {
        AwsConfig config = new AwsConfig(List.of("us-west-2", "us-east-1"), Optional.empty(), Optional.empty(),
                Map.of("us-east-1", "arn:aws:iam::222233334444:role/publish"), Optional.empty());
        try (AwsClients c = clients(config)) {
            assertThat(c.sts("us-west-2").getCallerIdentity().account()).isEqualTo(AwsEmulator.ACCOUNT);
            assertThat(c.sts("us-east-1").getCallerIdentity().account()).isEqualTo("222233334444");
            assertThat(emu.calls("AssumeRole")).singleElement().satisfies(call -> {
                assertThat(call.region()).isEqualTo("us-west-2");
                assertThat(call.params()).containsEntry("RoleSessionName", "pubsys");
            });
        }
    }

    @Test
    void ssm_putGetAndPath_withClobberRule() throws Exception {
        try (AwsClients c = clients(AwsConfig.empty())) {
            SsmClient ssm = c.ssm("us-east-1");
            ssm.putParameter(b -> b.name("/a/b/c").value("1").type("String").overwrite(true));
            ssm.putParameter(b -> b.name("/a/d").value("2").type("String").overwrite(true));
            assertThatThrownBy(() -> ssm.putParameter(b -> b.name("/a/d").value("3").type("String")))
                    .isInstanceOf(ParameterAlreadyExistsException.class);
            var got = ssm.getParameters(b -> b.names("/a/b/c", "/x"));
            assertThat(got.parameters()).extracting(p -> p.value()).containsExactly("1");
            assertThat(got.invalidParameters()).containsExactly("/x");
            assertThat(ssm.getParametersByPathPaginator(b -> b.path("/a").recursive(true)).stream().flatMap(r -> r.parameters().stream())
                    .map(p -> p.name()).toList()).containsExactly("/a/b/c", "/a/d");
            assertThat(emu.parameters("us-east-1")).containsEntry("/a/d", "2");
        }
    }

    @Test
    void faults_everyThirdCallThrottled_sdkRetriesSucceed() throws Exception {
        emu.fault(AwsEmulator.Fault.every(3, null, 400, "RequestLimitExceeded"));
        try (AwsClients c = clients(AwsConfig.empty())) {
            for (int i = 0; i < 9; i++) {
                c.ec2("us-west-2").describeImages(b -> b.owners("self"));
            }
        }
        assertThat(emu.calls("DescribeImages")).hasSize(13);
    }
}
