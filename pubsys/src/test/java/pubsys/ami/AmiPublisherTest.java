package pubsys.ami;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import common.ErrorCategory;
import common.TwoliterException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import pubsys.PublishLog;
import pubsys.ami.snapshot.AwsEbsSnapshotUploader;
import pubsys.ami.snapshot.ProgressListener;
import pubsys.ami.snapshot.SparseImages;
import pubsys.aws.AwsClients;
import pubsys.aws.Sleeper;
import pubsys.infra.AwsConfig;
import pubsys.testing.AwsEmulator;

class AmiPublisherTest {
    private static final String W2 = "us-west-2";
    private static final String E1 = "us-east-1";
    private static final String NAME = AmiRequests.NAME;
    private static final String OTHER_ACCOUNT = "222233334444";

    @TempDir
    Path dir;

    private final AwsEmulator emu = AwsEmulator.start();
    private final List<AwsClients> opened = new ArrayList<>();
    private final RecordingLog log = new RecordingLog();
    private Path os;
    private Path data;
    private Path uefi;
    private Path out;

    @BeforeEach
    void images() throws IOException {
        // 6 blocks, 4 of them with data; the data image has 2 blocks, 1 with data.
        os = SparseImages.write(dir.resolve("os.img"), 6L * SparseImages.BLOCK - 100,
                new long[] {0, 2L * SparseImages.BLOCK, 3L * SparseImages.BLOCK + 7, 6L * SparseImages.BLOCK - 101},
                new byte[][] {{1}, {2}, {3}, {4}});
        data = SparseImages.write(dir.resolve("data.img"), 2L * SparseImages.BLOCK, new long[] {5},
                new byte[][] {{5}});
        uefi = Files.writeString(dir.resolve("efi-vars.aws"), "efi-vars-base64");
        out = dir.resolve("amis.json");
    }

    @AfterEach
    void stop() {
        opened.forEach(AwsClients::close);
        emu.close();
    }

    private AmiPublisher publisher(AwsConfig aws, String base, ProgressListener progress) {
        AwsClients clients = emu.clients(aws, base);
        opened.add(clients);
        return new AmiPublisher(clients, Sleeper.NONE, progress,
                new AwsEbsSnapshotUploader.Options(2, 12, Duration.ofSeconds(2)));
    }

    private AmiPublisher publisher() {
        return publisher(AwsConfig.empty(), W2, ProgressListener.NONE);
    }

    private AmiRequest request(List<String> regions) {
        return AmiRequests.of(os, Optional.of(data), uefi, regions, ImageLayout.DEFAULT, false, Optional.of(out));
    }

    private static AwsConfig roleIn(String region, String account) {
        return new AwsConfig(List.of(), Optional.empty(), Optional.empty(),
                Map.of(region, "arn:aws:iam::" + account + ":role/publisher"), Optional.empty());
    }

    private Map<String, AmiRecord> amisJson() throws TwoliterException {
        return AmisFile.read(out);
    }

    private Path journal() {
        return dir.resolve("amis.json.pending");
    }

    @Test
    void publish_newImageInOneRegion_registersWithUpstreamConstantsAndWritesAmisJson() throws Exception {
        Map<String, AmiRecord> amis = publisher().publish(request(List.of(W2)), log);

        AwsEmulator.FakeImage image = emu.images(W2).get(0);
        assertThat(amis).containsExactly(Map.entry(W2, AmiRecord.fresh(image.id(), NAME)));
        assertThat(amisJson()).isEqualTo(amis);
        Map<String, String> p = emu.calls("RegisterImage").get(0).params();
        assertThat(p).containsEntry("Name", NAME).containsEntry("Description", "test image")
                .containsEntry("Architecture", "x86_64").containsEntry("RootDeviceName", "/dev/xvda")
                .containsEntry("EnaSupport", "true").containsEntry("SriovNetSupport", "simple")
                .containsEntry("VirtualizationType", "hvm")
                .containsEntry("BlockDeviceMapping.1.DeviceName", "/dev/xvda")
                .containsEntry("BlockDeviceMapping.1.Ebs.VolumeSize", "2")
                .containsEntry("BlockDeviceMapping.1.Ebs.VolumeType", "gp2")
                .containsEntry("BlockDeviceMapping.1.Ebs.DeleteOnTermination", "true")
                .containsEntry("BlockDeviceMapping.2.DeviceName", "/dev/xvdb")
                .containsEntry("BlockDeviceMapping.2.Ebs.VolumeSize", "20")
                .containsEntry("BlockDeviceMapping.2.Ebs.VolumeType", "gp2")
                .doesNotContainKeys("BootMode", "UefiData", "TpmSupport", "ImdsSupport");
        assertThat(emu.calls("PutSnapshotBlock")).hasSize(4 + 1);
        assertThat(emu.snapshots(W2)).extracting(AwsEmulator.FakeSnapshot::id)
                .containsExactlyElementsOf(image.snapshotIds());
        assertThat(emu.snapshots(W2)).extracting(AwsEmulator.FakeSnapshot::description)
                .containsExactly("os.img", "data.img");
        assertThat(journal()).doesNotExist();
        assertThat(log.starting("RESULT")).isEmpty();
    }

    @Test
    void publish_unifiedLayout_oneRootVolumeOfTwentyTwoGib() throws Exception {
        AmiRequest unified = AmiRequests.of(os, Optional.empty(), uefi, List.of(W2),
                new ImageLayout(2, 1, 22, ImageLayout.PartitionPlan.UNIFIED), false, Optional.of(out));

        publisher().publish(unified, log);

        Map<String, String> p = emu.calls("RegisterImage").get(0).params();
        assertThat(p).containsEntry("BlockDeviceMapping.1.DeviceName", "/dev/xvda")
                .containsEntry("BlockDeviceMapping.1.Ebs.VolumeSize", "22")
                .doesNotContainKey("BlockDeviceMapping.2.DeviceName");
    }

    @Test
    void publish_secureBootVariant_sendsUefiPreferredAndTheUefiData() throws Exception {
        AmiRequest secure = AmiRequests.of(os, Optional.empty(), uefi, List.of(W2), ImageLayout.DEFAULT, true,
                Optional.of(out));

        publisher().publish(secure, log);

        assertThat(emu.calls("RegisterImage").get(0).params()).containsEntry("BootMode", "uefi-preferred")
                .containsEntry("UefiData", "efi-vars-base64");
    }

    @Test
    void publish_nameAlreadyRegistered_reusesItWithItsPermissionsAndWaitsForOneSuccess() throws Exception {
        String existing = emu.addImage(W2, NAME, "x86_64", true, List.of("group:all"));

        Map<String, AmiRecord> amis = publisher().publish(request(List.of(W2, E1)), log);

        assertThat(emu.calls("StartSnapshot")).isEmpty();
        assertThat(emu.calls("RegisterImage")).isEmpty();
        assertThat(log.lines).contains("WARN Found '" + NAME + "' already registered in us-west-2: " + existing);
        assertThat(amis.get(W2)).isEqualTo(new AmiRecord(existing, NAME, true,
                List.of(LaunchPermission.group("all"))));
        assertThat(emu.calls("DescribeImages")).filteredOn(c -> c.region().equals(W2)
                && existing.equals(c.params().get("ImageId.1"))).hasSize(1);
        assertThat(amisJson().keySet()).containsExactly(W2, E1);
    }

    @Test
    void publish_newImageWithCopies_waitsForThreeAvailablePollsInARow() throws Exception {
        publisher().publish(request(List.of(W2, E1)), log);

        String id = emu.images(W2).get(0).id();
        assertThat(emu.calls("DescribeImages")).filteredOn(c -> id.equals(c.params().get("ImageId.1")))
                .hasSize(3);
    }

    @Test
    void publish_newImageStillPending_keepsPollingUntilAvailable() throws Exception {
        emu.imagePendingPolls(3);

        publisher().publish(request(List.of(W2, E1)), log);

        String id = emu.images(W2).get(0).id();
        assertThat(emu.calls("DescribeImages")).filteredOn(c -> id.equals(c.params().get("ImageId.1")))
                .hasSizeGreaterThan(3);
        assertThat(emu.calls("CopyImage")).hasSize(1);
    }

    @Test
    void publish_registerImageFails_deletesEverySnapshotItCreatedAndWritesNothing() {
        emu.fault(AwsEmulator.Fault.always("RegisterImage", 400, "InvalidParameterValue"));

        assertThatThrownBy(() -> publisher().publish(request(List.of(W2, E1)), log))
                .isInstanceOf(TwoliterException.class)
                .hasMessageStartingWith("Error registering x86_64 '" + NAME + "' in us-west-2: RegisterImage in"
                        + " us-west-2 failed: InvalidParameterValue")
                .extracting(e -> ((TwoliterException) e).category()).isEqualTo(ErrorCategory.FAILURE);
        assertThat(emu.calls("StartSnapshot")).hasSize(2);
        assertThat(emu.calls("DeleteSnapshot")).hasSize(2);
        assertThat(log.starting("INFO Deleted snapshot ")).hasSize(2);
        assertThat(emu.snapshots(W2)).isEmpty();
        assertThat(emu.images(W2)).isEmpty();
        assertThat(out).doesNotExist();
        assertThat(journal()).doesNotExist();
    }

    @Test
    void publish_blockUploadFails_deletesTheSnapshotItStarted() {
        emu.fault(AwsEmulator.Fault.always("PutSnapshotBlock", 400, "ValidationException"));

        assertThatThrownBy(() -> publisher().publish(request(List.of(W2)), log))
                .isInstanceOf(TwoliterException.class)
                .hasMessageContaining("Error registering x86_64 '" + NAME + "' in us-west-2: PutSnapshotBlock");
        assertThat(emu.calls("StartSnapshot")).hasSize(1);
        assertThat(emu.calls("DeleteSnapshot")).hasSize(1);
        assertThat(emu.snapshots(W2)).isEmpty();
        assertThat(journal()).doesNotExist();
    }

    @Test
    void publish_copyRegionRoleInAnotherAccount_grantsThatAccountThenCopiesFromItsRegion() throws Exception {
        Map<String, AmiRecord> amis = publisher(roleIn(E1, OTHER_ACCOUNT), W2, ProgressListener.NONE)
                .publish(request(List.of(W2, E1)), log);

        AwsEmulator.FakeImage base = emu.images(W2).get(0);
        assertThat(emu.calls("GetCallerIdentity")).extracting(AwsEmulator.Call::region).contains(E1);
        List<AwsEmulator.Call> snapshotGrants = emu.calls("ModifySnapshotAttribute");
        assertThat(snapshotGrants).hasSize(2).allSatisfy(c -> {
            assertThat(c.region()).isEqualTo(W2);
            assertThat(c.params()).containsEntry("Attribute", "createVolumePermission")
                    .containsEntry("OperationType", "add").containsEntry("UserId.1", OTHER_ACCOUNT);
        });
        assertThat(emu.snapshots(W2)).allSatisfy(s -> assertThat(s.createVolumePermissions())
                .containsExactly("userid:" + OTHER_ACCOUNT));
        AwsEmulator.Call imageGrant = emu.calls("ModifyImageAttribute").get(0);
        assertThat(imageGrant.region()).isEqualTo(W2);
        assertThat(imageGrant.params()).containsEntry("ImageId", base.id())
                .containsEntry("Attribute", "launchPermission").containsEntry("UserId.1", OTHER_ACCOUNT);
        AwsEmulator.Call copy = emu.calls("CopyImage").get(0);
        assertThat(copy.region()).isEqualTo(E1);
        assertThat(copy.params()).containsEntry("SourceRegion", W2).containsEntry("SourceImageId", base.id())
                .containsEntry("Name", NAME);
        // Grants come before the copy.
        List<String> order = emu.calls().stream().map(AwsEmulator.Call::action)
                .filter(a -> a.startsWith("Modify") || a.equals("CopyImage")).toList();
        assertThat(order).containsExactly("ModifySnapshotAttribute", "ModifySnapshotAttribute",
                "ModifyImageAttribute", "CopyImage");
        assertThat(amis.keySet()).containsExactly(W2, E1);
        assertThat(amis.get(E1)).isEqualTo(AmiRecord.fresh(emu.images(E1).get(0).id(), NAME));
        assertThat(amisJson()).isEqualTo(amis);
    }

    @Test
    void publish_copyRegionsInTheSameAccount_grantNothing() throws Exception {
        publisher().publish(request(List.of(W2, E1)), log);

        assertThat(emu.calls("ModifySnapshotAttribute")).isEmpty();
        assertThat(emu.calls("ModifyImageAttribute")).isEmpty();
        assertThat(emu.calls("CopyImage")).hasSize(1);
    }

    @Test
    void publish_oneCopyFails_reportsThatRegionAndWritesNoAmisJson() {
        emu.fault(AwsEmulator.Fault.next(1, "CopyImage", 400, "InvalidParameterValue"));

        assertThatThrownBy(() -> publisher().publish(request(List.of(W2, E1, "eu-west-1")), log))
                .isInstanceOf(TwoliterException.class).hasMessageContaining("Some AMIs failed to copy, see above")
                .extracting(e -> ((TwoliterException) e).category()).isEqualTo(ErrorCategory.FAILURE);
        assertThat(log.starting("ERROR Copy to ")).singleElement().asString()
                .contains("failed: CopyImage of ").contains("InvalidParameterValue");
        assertThat(emu.calls("CopyImage")).hasSize(2);
        assertThat(out).doesNotExist();
    }

    private static final List<String> ACTIONS = List.of("AssumeRole", "GetCallerIdentity", "DescribeImages",
            "DescribeImageAttribute", "StartSnapshot", "PutSnapshotBlock", "CompleteSnapshot", "DescribeSnapshots",
            "RegisterImage", "ModifySnapshotAttribute", "ModifyImageAttribute", "CopyImage");

    @ParameterizedTest
    @CsvSource({"400, ThrottlingException, each action", "400, RequestLimitExceeded, each action",
            "503, ServiceUnavailable, each action", "400, ThrottlingException, all calls",
            "503, ServiceUnavailable, all calls"})
    void publish_everyThirdCallFails_stillSucceeds(int status, String code, String counted) throws Exception {
        if (counted.equals("each action")) {
            ACTIONS.forEach(a -> emu.fault(AwsEmulator.Fault.every(3, a, status, code)));
        } else {
            emu.fault(AwsEmulator.Fault.every(3, null, status, code));
        }

        Map<String, AmiRecord> amis = publisher(roleIn(E1, OTHER_ACCOUNT), W2, ProgressListener.NONE)
                .publish(request(List.of(W2, E1)), log);

        assertThat(emu.images(W2)).hasSize(1);
        assertThat(emu.images(E1)).hasSize(1);
        assertThat(emu.snapshots(W2)).hasSize(2).allSatisfy(s -> assertThat(s.state()).isEqualTo("completed"));
        assertThat(emu.calls("CopyImage")).hasSizeGreaterThanOrEqualTo(1);
        assertThat(amisJson()).isEqualTo(amis);
    }

    @Test
    void publish_secondRun_registersNothingNewAndWritesTheSameIds() throws Exception {
        Map<String, AmiRecord> first = publisher().publish(request(List.of(W2, E1)), log);
        Map<String, AmiRecord> second = publisher().publish(request(List.of(W2, E1)), log);

        assertThat(second).isEqualTo(first);
        assertThat(emu.calls("StartSnapshot")).hasSize(2);
        assertThat(emu.calls("RegisterImage")).hasSize(1);
        assertThat(emu.calls("CopyImage")).hasSize(1);
        assertThat(emu.images(W2)).hasSize(1);
        assertThat(emu.images(E1)).hasSize(1);
    }

    /** Stands for the process being killed: nothing catches an Error on its way out. */
    static final class Killed extends Error {
        private static final long serialVersionUID = 1L;
    }

    @Test
    void publish_killedHalfWayThroughTheUpload_nextRunDeletesTheOrphanAndRegistersOneImage() throws Exception {
        // given: a run killed after half of the OS image's blocks
        ProgressListener killer = p -> {
            if (p.file().equals("os.img") && p.blocksDone() >= p.blocksTotal() / 2) {
                throw new Killed();
            }
        };
        assertThatThrownBy(() -> publisher(AwsConfig.empty(), W2, killer).publish(request(List.of(W2)), log))
                .isInstanceOf(Killed.class);
        String orphan = emu.snapshots(W2).get(0).id();
        assertThat(emu.snapshots(W2)).singleElement().satisfies(s -> assertThat(s.state()).isEqualTo("pending"));
        assertThat(journal()).exists();
        assertThat(emu.calls("DeleteSnapshot")).isEmpty();

        // when
        Map<String, AmiRecord> amis = publisher().publish(request(List.of(W2)), log);

        // then
        assertThat(log.lines).anySatisfy(l -> assertThat(l).startsWith("WARN Deleted snapshot " + orphan
                + " in us-west-2 left by an interrupted run"));
        assertThat(emu.images(W2)).singleElement().satisfies(i -> assertThat(i.id()).isEqualTo(amis.get(W2).id()));
        assertThat(emu.snapshots(W2)).extracting(AwsEmulator.FakeSnapshot::id)
                .containsExactlyElementsOf(emu.images(W2).get(0).snapshotIds())
                .doesNotContain(orphan);
        assertThat(journal()).doesNotExist();
        assertThat(out).exists();
    }

    @Test
    void publish_killedRightAfterRegisterImage_nextRunKeepsTheSnapshotsAndReusesTheImage() throws Exception {
        PublishLog dying = new RecordingLog() {
            @Override
            public void info(String message) {
                if (message.startsWith("Registered AMI")) {
                    throw new Killed();
                }
                super.info(message);
            }
        };
        assertThatThrownBy(() -> publisher().publish(request(List.of(W2)), dying)).isInstanceOf(Killed.class);
        assertThat(journal()).exists();
        List<String> snapshots = emu.images(W2).get(0).snapshotIds();

        publisher().publish(request(List.of(W2)), log);

        assertThat(log.starting("INFO Snapshot ")).hasSize(2)
                .allSatisfy(l -> assertThat(l).contains("belongs to a registered image; keeping it"));
        assertThat(emu.calls("DeleteSnapshot")).isEmpty();
        assertThat(emu.calls("RegisterImage")).hasSize(1);
        assertThat(emu.images(W2)).singleElement().satisfies(i -> assertThat(i.snapshotIds())
                .isEqualTo(snapshots));
        assertThat(emu.snapshots(W2)).hasSize(2);
        assertThat(journal()).doesNotExist();
    }

    @Test
    void publish_secureBootWithUnreadableUefiData_isBadInputBeforeAnySnapshot() {
        AmiRequest r = AmiRequests.of(os, Optional.empty(), dir.resolve("missing.vars"), List.of(W2),
                ImageLayout.DEFAULT, true, Optional.of(out));

        assertThatThrownBy(() -> publisher().publish(r, log)).isInstanceOf(TwoliterException.class)
                .hasMessageContaining("cannot read the UEFI data file '" + dir.resolve("missing.vars") + "'")
                .extracting(e -> ((TwoliterException) e).category()).isEqualTo(ErrorCategory.BAD_INPUT);
        assertThat(emu.calls("StartSnapshot")).isEmpty();
    }

    @Test
    void publish_withoutSecureBoot_doesNotNeedTheUefiDataFile() throws Exception {
        AmiRequest r = AmiRequests.of(os, Optional.empty(), dir.resolve("missing.vars"), List.of(W2),
                ImageLayout.DEFAULT, false, Optional.of(out));

        publisher().publish(r, log);

        assertThat(emu.calls("RegisterImage")).singleElement().satisfies(c -> assertThat(c.params())
                .doesNotContainKeys("BootMode", "UefiData"));
    }

    @Test
    void publish_noRegions_isBadInputWithoutCallingAws() {
        assertThatThrownBy(() -> publisher().publish(request(List.of()), log))
                .isInstanceOf(TwoliterException.class).hasMessageContaining("set 'regions' in the [aws] table")
                .extracting(e -> ((TwoliterException) e).category()).isEqualTo(ErrorCategory.BAD_INPUT);
        assertThat(emu.calls()).isEmpty();
    }

    @Test
    void publish_dataImageWithUnifiedLayout_isBadInputWithoutCallingAws() {
        AmiRequest r = AmiRequests.of(os, Optional.of(data), uefi, List.of(W2),
                new ImageLayout(2, 1, 22, ImageLayout.PartitionPlan.UNIFIED), false, Optional.of(out));

        assertThatThrownBy(() -> publisher().publish(r, log)).isInstanceOf(TwoliterException.class)
                .hasMessageContaining("partition-plan 'unified'");
        assertThat(emu.calls()).isEmpty();
    }

    @Test
    void plan_twoRegions_listsTheCallsWithRegionsWithoutCallingAws() throws Exception {
        List<String> plan = publisher().plan(request(List.of(W2, E1)));

        assertThat(plan).first().asString().startsWith("us-west-2 ec2 DescribeImages owner=self name=" + NAME
                + " arch=x86_64");
        assertThat(plan).anySatisfy(l -> assertThat(l).startsWith("us-west-2 ebs StartSnapshot volume-size=1"
                + " description=os.img + PutSnapshotBlock (non-zero blocks of 6, ").endsWith(
                "+ CompleteSnapshot for " + os));
        assertThat(plan).contains("us-west-2 sts GetCallerIdentity", "us-east-1 sts GetCallerIdentity",
                "us-east-1 ec2 CopyImage from us-west-2 (unless found)", "write " + out);
        assertThat(plan).anySatisfy(l -> assertThat(l).startsWith("us-west-2 ec2 RegisterImage name=" + NAME
                + " arch=x86_64 /dev/xvda=2GiB-gp2 /dev/xvdb=20GiB-gp2"));
        assertThat(emu.calls()).isEmpty();
    }
}
