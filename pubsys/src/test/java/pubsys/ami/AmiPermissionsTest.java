package pubsys.ami;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import common.ErrorCategory;
import common.TwoliterException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pubsys.PublishLog;
import pubsys.ami.AmiPermissionsRequest.Operation;
import pubsys.ami.AmiPermissionsRequest.Principals;
import pubsys.aws.AwsClients;
import pubsys.aws.Sleeper;
import pubsys.infra.AwsConfig;
import pubsys.testing.AwsEmulator;
import pubsys.testing.AwsEmulator.Call;
import pubsys.testing.AwsEmulator.Fault;

/** publish-ami against the AWS emulator (pubsys.md §11, §16 A6). */
class AmiPermissionsTest {
    private static final String WEST = "us-west-2";
    private static final String EAST = "us-east-1";
    private static final String OTHER = "222233334444";

    private final AwsEmulator emu = AwsEmulator.start();
    private final AwsClients clients = emu.clients(AwsConfig.empty(), WEST);
    private final AmiPermissions permissions = new AmiPermissions(clients, Sleeper.NONE);
    private final Log log = new Log();

    @TempDir
    Path dir;

    @AfterEach
    void stop() {
        clients.close();
        emu.close();
    }

    /** Seeds one private image per region and an amis.json listing them, in the regions' order. */
    private Path amis(String... regions) throws TwoliterException {
        Map<String, AmiRecord> amis = new LinkedHashMap<>();
        for (String r : regions) {
            amis.put(r, AmiRecord.fresh(emu.addImage(r, "bottlerocket-" + r, "x86_64", false, List.of()),
                    "bottlerocket-" + r));
        }
        Path file = dir.resolve("amis.json");
        AmisFile.write(file, amis);
        return file;
    }

    private static AmiPermissionsRequest request(Path file, List<String> regions, Operation op, Principals who) {
        return new AmiPermissionsRequest(file, regions, op, who);
    }

    private int first(String action) {
        List<Call> calls = emu.calls();
        for (int i = 0; i < calls.size(); i++) {
            if (calls.get(i).action().equals(action)) {
                return i;
            }
        }
        return -1;
    }

    private int last(String action) {
        List<Call> calls = emu.calls();
        for (int i = calls.size() - 1; i >= 0; i--) {
            if (calls.get(i).action().equals(action)) {
                return i;
            }
        }
        return -1;
    }

    @Test
    void modify_grantGroupAll_modifiesEverySnapshotBeforeAnyImageAndRecordsPublic() throws Exception {
        // given
        Path file = amis(WEST, EAST, "us-east-2");

        // when
        permissions.modify(request(file, List.of(), Operation.GRANT, Principals.groups("all")), log);

        // then
        assertThat(emu.calls("ModifySnapshotAttribute")).hasSize(3);
        assertThat(emu.calls("ModifyImageAttribute")).hasSize(3);
        assertThat(last("ModifySnapshotAttribute")).isLessThan(first("ModifyImageAttribute"));
        assertThat(emu.calls("ModifySnapshotAttribute")).allSatisfy(c -> assertThat(c.params())
                .containsEntry("Attribute", "createVolumePermission").containsEntry("OperationType", "add")
                .containsEntry("UserGroup.1", "all"));
        assertThat(emu.calls("ModifyImageAttribute")).allSatisfy(c -> assertThat(c.params())
                .containsEntry("Attribute", "launchPermission").containsEntry("UserGroup.1", "all")
                .doesNotContainKey("UserId.1"));
        for (String r : List.of(WEST, EAST, "us-east-2")) {
            assertThat(emu.images(r).get(0).isPublic()).isTrue();
            assertThat(emu.snapshots(r).get(0).createVolumePermissions()).containsExactly("group:all");
        }
        String json = Files.readString(file);
        assertThat(json).contains("\"public\" : true").contains("{\n      \"group\" : \"all\"\n    }");
        assertThat(AmisFile.read(file).values()).allSatisfy(a -> {
            assertThat(a.isPublic()).isTrue();
            assertThat(a.launchPermissions()).containsExactly(LaunchPermission.group("all"));
        });
        assertThat(log.results).last().asString().contains("Updated permissions of 3 AMIs");
    }

    @Test
    void modify_regionsMissingFromFile_namesThemAndCallsNothing() throws Exception {
        Path file = amis(WEST);

        assertThatThrownBy(() -> permissions.modify(request(file, List.of(WEST, "eu-north-1", "ap-south-1"),
                Operation.GRANT, Principals.groups("all")), log))
                .isInstanceOfSatisfying(TwoliterException.class, e -> {
                    assertThat(e.category()).isEqualTo(ErrorCategory.BAD_INPUT);
                    assertThat(e.getMessage()).startsWith("Given region(s) in Infra.toml / regions argument that"
                            + " are not in --ami-input file: eu-north-1, ap-south-1");
                });
        assertThat(emu.calls()).isEmpty();
    }

    @Test
    void modify_someRegionsRequested_changesOnlyThoseAndKeepsTheOthersInTheFile() throws Exception {
        Path file = amis(WEST, EAST);
        Map<String, AmiRecord> before = AmisFile.read(file);

        Map<String, AmiRecord> after = permissions.modify(request(file, List.of(EAST), Operation.GRANT,
                Principals.users(OTHER)), log);

        assertThat(emu.calls("ModifyImageAttribute")).extracting(Call::region).containsExactly(EAST);
        assertThat(emu.calls("ModifySnapshotAttribute")).extracting(Call::region).containsExactly(EAST);
        // Upstream drops us-west-2 from the file (QUIRK); we keep it unchanged.
        assertThat(AmisFile.read(file)).containsOnlyKeys(WEST, EAST).isEqualTo(after);
        assertThat(after.get(WEST)).isEqualTo(before.get(WEST));
        assertThat(after.get(EAST).launchPermissions()).containsExactly(LaunchPermission.user(OTHER));
        assertThat(after.get(EAST).isPublic()).isFalse();
    }

    @Test
    void modify_userIds_grantsSnapshotsAndImagesToTheAccounts() throws Exception {
        Path file = amis(WEST);

        permissions.modify(request(file, List.of(), Operation.GRANT, new Principals(List.of(OTHER, "333344445555"),
                List.of(), List.of(), List.of())), log);

        assertThat(emu.calls("ModifySnapshotAttribute")).singleElement().satisfies(c -> assertThat(c.params())
                .containsEntry("UserId.1", OTHER).containsEntry("UserId.2", "333344445555")
                .doesNotContainKey("UserGroup.1"));
        assertThat(emu.snapshots(WEST).get(0).createVolumePermissions())
                .containsExactly("userid:" + OTHER, "userid:333344445555");
        assertThat(AmisFile.read(file).get(WEST).launchPermissions())
                .containsExactly(LaunchPermission.user(OTHER), LaunchPermission.user("333344445555"));
    }

    @Test
    void modify_revokeGroupAll_makesImagesPrivateAgain() throws Exception {
        Path file = amis(WEST, EAST);
        AmiPermissionsRequest grant = request(file, List.of(), Operation.GRANT,
                new Principals(List.of(OTHER), List.of("all"), List.of(), List.of()));
        permissions.modify(grant, log);

        Map<String, AmiRecord> after = permissions.modify(request(file, List.of(), Operation.REVOKE,
                Principals.groups("all")), log);

        assertThat(emu.calls("ModifyImageAttribute")).filteredOn(c -> "remove".equals(c.params()
                .get("OperationType"))).hasSize(2);
        assertThat(after.values()).allSatisfy(a -> {
            assertThat(a.isPublic()).isFalse();
            assertThat(a.launchPermissions()).containsExactly(LaunchPermission.user(OTHER));
        });
        assertThat(emu.snapshots(EAST).get(0).createVolumePermissions()).containsExactly("userid:" + OTHER);
        assertThat(emu.images(EAST).get(0).isPublic()).isFalse();
    }

    @Test
    void modify_organizationArnsOnly_leavesSnapshotsAlone() throws Exception {
        Path file = amis(WEST);
        String org = "arn:aws:organizations::111122223333:organization/o-abc";

        Map<String, AmiRecord> after = permissions.modify(request(file, List.of(), Operation.GRANT,
                new Principals(List.of(), List.of(), List.of(org), List.of())), log);

        assertThat(emu.calls("ModifySnapshotAttribute")).isEmpty();
        assertThat(emu.calls("ModifyImageAttribute")).singleElement().satisfies(c -> assertThat(c.params())
                .containsEntry("OrganizationArn.1", org));
        assertThat(after.get(WEST).launchPermissions())
                .containsExactly(new LaunchPermission(LaunchPermission.Kind.ORGANIZATIONARN, org));
    }

    @Test
    void modify_aSnapshotFails_touchesNoImageAndKeepsTheFile() throws Exception {
        Path file = amis(WEST, EAST);
        String before = Files.readString(file);
        emu.fault(Fault.next(1, "ModifySnapshotAttribute", 400, "UnauthorizedOperation"));

        assertThatThrownBy(() -> permissions.modify(request(file, List.of(), Operation.GRANT,
                Principals.groups("all")), log))
                .isInstanceOfSatisfying(TwoliterException.class, e -> {
                    assertThat(e.category()).isEqualTo(ErrorCategory.FAILURE);
                    assertThat(e.getMessage()).startsWith("Failed to modify permissions of 1 of 2 snapshots");
                });
        // Both snapshots were tried, so the count is complete, and no image was changed.
        assertThat(emu.calls("ModifySnapshotAttribute")).hasSize(2);
        assertThat(emu.calls("ModifyImageAttribute")).isEmpty();
        assertThat(Files.readString(file)).isEqualTo(before);
        assertThat(log.errors).singleElement().asString().contains("UnauthorizedOperation");
    }

    @Test
    void modify_anImageFails_recordsTheOthersAndReportsCounts() throws Exception {
        Path file = amis(WEST, EAST);
        emu.fault(Fault.next(1, "ModifyImageAttribute", 400, "UnauthorizedOperation"));

        assertThatThrownBy(() -> permissions.modify(request(file, List.of(), Operation.GRANT,
                Principals.groups("all")), log))
                .hasMessageStartingWith("Permissions for 1 AMI were updated, the rest failed: Failed to modify"
                        + " permissions of 1 of 2 images");
        Map<String, AmiRecord> recorded = AmisFile.read(file);
        assertThat(recorded.values()).filteredOn(AmiRecord::isPublic).hasSize(1);
        assertThat(recorded.values()).filteredOn(a -> !a.isPublic()).hasSize(1);
    }

    @Test
    void modify_everyImageFails_saysNoneWereUpdated() throws Exception {
        Path file = amis(WEST);
        emu.fault(Fault.always("ModifyImageAttribute", 400, "UnauthorizedOperation"));

        assertThatThrownBy(() -> permissions.modify(request(file, List.of(), Operation.GRANT,
                Principals.groups("all")), log))
                .hasMessageStartingWith("No AMI permissions were updated: Failed to modify permissions of 1 of 1"
                        + " images");
    }

    @Test
    void modify_pendingImage_waitsUntilAvailable() throws Exception {
        emu.imagePendingPolls(3);
        String source = emu.addImage(WEST, "src", "x86_64", false, List.of());
        String copy;
        try (var ec2 = clients.newEc2(EAST)) {
            copy = ec2.copyImage(b -> b.name("copy").sourceImageId(source).sourceRegion(WEST)).imageId();
        }
        Path file = dir.resolve("amis.json");
        AmisFile.write(file, Map.of(EAST, AmiRecord.fresh(copy, "copy")));

        permissions.modify(request(file, List.of(), Operation.GRANT, Principals.groups("all")), log);

        assertThat(emu.calls("DescribeImages").stream().filter(c -> c.region().equals(EAST)).count())
                .isGreaterThanOrEqualTo(3);
        assertThat(emu.images(EAST).get(0).isPublic()).isTrue();
    }

    @Test
    void modify_imageGoneFromEc2_failsBeforeAnyModification() throws Exception {
        Path file = dir.resolve("amis.json");
        AmisFile.write(file, Map.of(WEST, AmiRecord.fresh("ami-00000000000000dead", "gone")));

        assertThatThrownBy(() -> permissions.modify(request(file, List.of(), Operation.GRANT,
                Principals.groups("all")), log))
                .isInstanceOfSatisfying(TwoliterException.class, e -> assertThat(e.category())
                        .isEqualTo(ErrorCategory.FAILURE))
                .hasMessageStartingWith("1 of 1 AMI(s) did not become available: image ami-00000000000000dead in"
                        + " us-west-2 did not become available");
        assertThat(emu.calls("ModifySnapshotAttribute")).isEmpty();
        assertThat(emu.calls("ModifyImageAttribute")).isEmpty();
    }

    @Test
    void modify_emptyInput_saysSo() throws Exception {
        Path file = dir.resolve("amis.json");
        Files.writeString(file, "{}");

        assertThatThrownBy(() -> permissions.modify(request(file, List.of(), Operation.GRANT,
                Principals.groups("all")), log))
                .hasMessageStartingWith("Input '" + file + "' is empty");
    }

    @Test
    void modify_noPrincipals_isBadInput() throws Exception {
        Path file = amis(WEST);

        assertThatThrownBy(() -> permissions.modify(request(file, List.of(), Operation.REVOKE,
                new Principals(List.of(), List.of(), List.of(), List.of())), log))
                .isInstanceOfSatisfying(TwoliterException.class, e -> assertThat(e.category())
                        .isEqualTo(ErrorCategory.BAD_INPUT))
                .hasMessageContaining("--group-names");
        assertThat(emu.calls()).isEmpty();
    }

    @Test
    void plan_grant_listsSnapshotCallsBeforeImageCallsWithRegionsAndCallsNothing() throws Exception {
        Path file = amis(WEST, EAST);
        Map<String, AmiRecord> amis = AmisFile.read(file);

        List<String> plan = AmiPermissions.plan(request(file, List.of(EAST), Operation.GRANT,
                new Principals(List.of(OTHER), List.of("all"), List.of(), List.of())));

        assertThat(emu.calls()).isEmpty();
        String east = amis.get(EAST).id();
        assertThat(plan).containsExactly(
                "us-east-1: DescribeImages ImageIds=[" + east + "] until it is available",
                "us-east-1: DescribeImages ImageIds=[" + east + "] for its snapshot ids",
                "us-east-1: ModifySnapshotAttribute Attribute=createVolumePermission OperationType=add"
                        + " UserIds=[" + OTHER + "] GroupNames=[all] for each snapshot of " + east,
                "us-east-1: ModifyImageAttribute ImageId=" + east + " Attribute=launchPermission"
                        + " OperationType=add UserIds=[" + OTHER + "] UserGroups=[all]",
                "us-east-1: DescribeImageAttribute ImageId=" + east + " Attribute=launchPermission",
                "rewrite '" + file + "'");
    }

    @Test
    void regions_noneRequested_areTheFilesInOrder() throws Exception {
        Path file = amis(EAST, WEST);

        assertThat(AmiPermissions.regions(request(file, List.of(), Operation.GRANT, Principals.groups("all"))))
                .containsExactly(EAST, WEST);
        assertThat(AmiPermissions.regions(request(file, List.of(WEST, WEST), Operation.GRANT,
                Principals.groups("all")))).containsExactly(WEST);
    }

    /** Collects what the library reports. */
    static final class Log implements PublishLog {
        final List<String> results = new ArrayList<>();
        final List<String> infos = new ArrayList<>();
        final List<String> errors = new ArrayList<>();

        @Override
        public synchronized void result(String line) {
            results.add(line);
        }

        @Override
        public synchronized void info(String message) {
            infos.add(message);
        }

        @Override
        public synchronized void warn(String message) {
            infos.add(message);
        }

        @Override
        public synchronized void error(String message) {
            errors.add(message);
        }
    }
}
