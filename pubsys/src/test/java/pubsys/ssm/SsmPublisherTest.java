package pubsys.ssm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import common.ErrorCategory;
import common.TwoliterException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pubsys.ami.AmiRecord;
import pubsys.ami.AmisFile;
import pubsys.ami.LaunchPermission;
import pubsys.aws.AwsClients;
import pubsys.aws.Ec2Arch;
import pubsys.infra.AwsConfig;
import pubsys.testing.AwsEmulator;
import pubsys.testing.AwsEmulator.Fault;

/** {@code ssm} against the AWS emulator (pubsys.md §16 S1, S3, S4, S5). */
class SsmPublisherTest {
    static final String PREFIX = "/aws/service/bottlerocket";
    static final String VARIANT = "aws-k8s-1.24";
    static final String VERSION = "1.20.0-abc1234";
    static final String NAME = "bottlerocket-aws-k8s-1.24-aarch64-v1.20.0-abc1234";
    static final String IMAGE_ID = PREFIX + "/aws-k8s-1.24/arm64/1.20.0-abc1234/image_id";
    static final String IMAGE_VERSION = PREFIX + "/aws-k8s-1.24/arm64/1.20.0-abc1234/image_version";
    static final Path DEFAULTS = Path.of("src/test/resources/ssm/defaults.toml");

    final AwsEmulator emu = AwsEmulator.start();
    final AwsClients clients = emu.clients(AwsConfig.empty(), "us-west-2");
    final RecordingSleeper sleeper = new RecordingSleeper();
    final RecordingLog log = new RecordingLog();
    final SsmPublisher publisher = new SsmPublisher(clients, sleeper, log);
    @TempDir
    Path dir;

    @AfterEach
    void stop() {
        clients.close();
        emu.close();
    }

    /** An amis.json with an arm64 image, public or not, in each region. */
    Map<String, String> images(boolean isPublic, String... regions) throws TwoliterException {
        Map<String, AmiRecord> amis = new LinkedHashMap<>();
        Map<String, String> ids = new LinkedHashMap<>();
        for (String region : regions) {
            String id = emu.addImage(region, NAME, "arm64", isPublic, isPublic ? List.of("group:all") : List.of());
            ids.put(region, id);
            amis.put(region, new AmiRecord(id, NAME, isPublic, isPublic ? List.of(LaunchPermission.group("all"))
                    : List.of()));
        }
        AmisFile.write(dir.resolve("amis.json"), amis);
        return ids;
    }

    SsmRequest request(List<String> regions, String prefix, boolean clobber, boolean privateImages) {
        return new SsmRequest(dir.resolve("amis.json"), regions, Ec2Arch.ARM64, VARIANT, VERSION, DEFAULTS,
                Optional.of(prefix), clobber, privateImages, Optional.of(dir.resolve("ssm-params.json")));
    }

    SsmRequest request(List<String> regions) {
        return request(regions, PREFIX, false, false);
    }

    // S1: defaults.toml, arch given as aarch64, rendered with EC2's arm64.
    @Test
    void publish_publicImagesInTwoRegions_setsBothParametersInEach() throws Exception {
        Map<String, String> ids = images(true, "us-west-2", "us-east-1");

        SsmOutcome outcome = publisher.publish(new SsmRequest(dir.resolve("amis.json"),
                List.of("us-west-2", "us-east-1"), Ec2Arch.parse("aarch64"), VARIANT, VERSION, DEFAULTS,
                Optional.of(PREFIX), false, false, Optional.empty()));

        for (String region : ids.keySet()) {
            assertThat(emu.parameters(region)).isEqualTo(Map.of(IMAGE_ID, ids.get(region), IMAGE_VERSION, VERSION));
        }
        assertThat(outcome.changed()).hasSize(4).isEqualTo(outcome.parameters());
        assertThat(emu.calls("PutParameter")).hasSize(4).allSatisfy(c -> {
            assertThat(c.params()).containsEntry("Overwrite", "true").containsEntry("Type", "String");
        });
        assertThat(emu.calls("DescribeImages")).hasSize(2);
        assertThat(log.results).containsSubsequence(IMAGE_ID + " - us-east-1 - new parameter:",
                "   new value: " + ids.get("us-east-1"));
        assertThat(log.errors).isEmpty();
        assertThat(sleeper.millis()).containsOnly(100L);
    }

    @Test
    void publish_privateImageInPublicNamespace_cowardlyRefusesBeforeReadingSsm() throws Exception {
        images(false, "us-west-2");

        assertThatThrownBy(() -> publisher.publish(request(List.of("us-west-2"))))
                .isInstanceOf(TwoliterException.class)
                .hasMessageStartingWith("Cowardly refusing to publish private image to public namespace without"
                        + " ALLOW_PRIVATE_IMAGES")
                .extracting(e -> ((TwoliterException) e).category()).isEqualTo(ErrorCategory.BAD_INPUT);
        assertThat(log.errors).singleElement().asString().contains("is private").contains(IMAGE_ID);
        assertThat(emu.calls("GetParameters")).isEmpty();
        assertThat(emu.parameters("us-west-2")).isEmpty();
        // The rendered file is written before any AWS call, whatever happens after.
        assertThat(ParameterFile.read(dir.resolve("ssm-params.json"))).hasSize(2);
    }

    @Test
    void publish_privateImageAllowed_publishedWithoutAskingEc2() throws Exception {
        images(false, "us-west-2");

        publisher.publish(request(List.of("us-west-2"), PREFIX, false, true));

        assertThat(emu.parameters("us-west-2")).containsOnlyKeys(IMAGE_ID, IMAGE_VERSION);
        assertThat(emu.calls("DescribeImages")).isEmpty();
    }

    @Test
    void publish_privateImageOwnNamespace_noVisibilityCheck() throws Exception {
        images(false, "us-west-2");

        publisher.publish(request(List.of("us-west-2"), "/my/prefix/", false, false));

        assertThat(emu.parameters("us-west-2")).containsOnlyKeys(
                "/my/prefix/aws-k8s-1.24/arm64/1.20.0-abc1234/image_id",
                "/my/prefix/aws-k8s-1.24/arm64/1.20.0-abc1234/image_version");
        assertThat(emu.calls("DescribeImages")).isEmpty();
    }

    // S3: equal values -> "no change", nothing put.
    @Test
    void publish_valuesAlreadyThere_noChangesNecessary() throws Exception {
        Map<String, String> ids = images(true, "us-west-2");
        emu.putParameter("us-west-2", IMAGE_ID, ids.get("us-west-2"));
        emu.putParameter("us-west-2", IMAGE_VERSION, VERSION);

        SsmOutcome outcome = publisher.publish(request(List.of("us-west-2")));

        assertThat(outcome.changed()).isEmpty();
        assertThat(log.results).containsExactly(IMAGE_ID + " - us-west-2 - no change",
                IMAGE_VERSION + " - us-west-2 - no change");
        assertThat(log.infos).contains("No changes necessary.");
        assertThat(emu.calls("PutParameter")).isEmpty();
    }

    // S3: a different value without --allow-clobber is refused.
    @Test
    void publish_differentValueWithoutClobber_cowardlyRefusesToOverwrite() throws Exception {
        images(true, "us-west-2");
        emu.putParameter("us-west-2", IMAGE_ID, "ami-0old");

        assertThatThrownBy(() -> publisher.publish(request(List.of("us-west-2"))))
                .hasMessageStartingWith("Cowardly refusing to overwrite parameters without ALLOW_CLOBBER")
                .hasMessageContaining(IMAGE_ID + " in us-west-2");
        assertThat(emu.calls("PutParameter")).isEmpty();
        assertThat(emu.parameters("us-west-2")).containsExactly(Map.entry(IMAGE_ID, "ami-0old"));
    }

    @Test
    void publish_differentValueWithClobber_changesItAndReportsOldAndNew() throws Exception {
        Map<String, String> ids = images(true, "us-west-2");
        emu.putParameter("us-west-2", IMAGE_ID, "ami-0old");
        emu.putParameter("us-west-2", IMAGE_VERSION, VERSION);

        SsmOutcome outcome = publisher.publish(request(List.of("us-west-2"), PREFIX, true, false));

        assertThat(outcome.changed()).containsOnlyKeys(new SsmKey("us-west-2", IMAGE_ID));
        assertThat(log.results).containsExactly(IMAGE_ID + " - us-west-2 - changing value:",
                "   old value: ami-0old", "   new value: " + ids.get("us-west-2"),
                IMAGE_VERSION + " - us-west-2 - no change");
        assertThat(emu.calls("PutParameter")).hasSize(1);
        assertThat(emu.parameters("us-west-2")).containsEntry(IMAGE_ID, ids.get("us-west-2"));
    }

    // S3: "is not a valid namespace" means new; as in AWS, the put makes the namespace valid and the read-back passes.
    @Test
    void publish_invalidNamespace_treatedAsNewAndPut() throws Exception {
        Map<String, String> ids = images(true, "us-west-2", "ap-south-2");
        emu.putParameter("ap-south-2", IMAGE_ID, "ami-0hidden");
        emu.invalidNamespace("ap-south-2");

        publisher.publish(request(List.of("us-west-2", "ap-south-2")));

        assertThat(log.warnings).contains(
                "Invalid namespace in ap-south-2, this is OK for the first publish in a region");
        assertThat(log.results).contains(IMAGE_ID + " - ap-south-2 - new parameter:");
        assertThat(emu.calls("PutParameter")).extracting(c -> c.region()).containsOnly("us-west-2", "ap-south-2")
                .hasSize(4);
        assertThat(emu.parameters("ap-south-2")).containsEntry(IMAGE_ID, ids.get("ap-south-2"));
        assertThat(log.errors).isEmpty();
    }

    // S4 through the SDK: every PutParameter throttled (the SDK's own retries included).
    @Test
    void publish_everyPutThrottled_intervalDoublesToLimitThenFails() throws Exception {
        images(true, "us-west-2");
        emu.fault(Fault.always("PutParameter", 400, "ThrottlingException"));

        assertThatThrownBy(() -> publisher.publish(request(List.of("us-west-2"))))
                .hasMessageStartingWith("SSM requests throttled too many times, went beyond our max interval 1.6s");
        assertThat(sleeper.millis()).containsExactly(100L, 100L, 200L, 200L, 400L, 400L, 800L, 800L, 1600L, 1600L);
        assertThat(emu.parameters("us-west-2")).isEmpty();
    }

    @Test
    void publish_everyThirdCallThrottled_stillSucceeds() throws Exception {
        Map<String, String> ids = images(true, "us-west-2", "us-east-1", "eu-west-1");
        emu.fault(Fault.every(3, null, 400, "ThrottlingException"));

        publisher.publish(request(List.of("us-west-2", "us-east-1", "eu-west-1"), PREFIX, false, false));

        for (String region : ids.keySet()) {
            assertThat(emu.parameters(region)).isEqualTo(Map.of(IMAGE_ID, ids.get(region), IMAGE_VERSION, VERSION));
        }
    }

    @Test
    void publish_putFailsOnceWithServerError_retriedAndSet() throws Exception {
        images(true, "us-west-2");
        // More failures than the SDK's six attempts, so our loop has to send it again.
        emu.fault(Fault.next(7, "PutParameter", 500, "InternalServerError"));

        publisher.publish(request(List.of("us-west-2")));

        assertThat(emu.parameters("us-west-2")).hasSize(2);
        assertThat(emu.calls("PutParameter")).hasSize(9);
    }

    // S5 shape, written before any AWS call.
    @Test
    void publish_parameterOutput_renderedMapSortedByRegionAndName() throws Exception {
        Map<String, String> ids = images(true, "us-west-2", "us-east-1");

        publisher.publish(request(List.of("us-west-2", "us-east-1")));

        assertThat(Files.readString(dir.resolve("ssm-params.json"))).isEqualTo("{\n"
                + "  \"us-east-1\": {\n"
                + "    \"" + IMAGE_ID + "\": \"" + ids.get("us-east-1") + "\",\n"
                + "    \"" + IMAGE_VERSION + "\": \"" + VERSION + "\"\n"
                + "  },\n"
                + "  \"us-west-2\": {\n"
                + "    \"" + IMAGE_ID + "\": \"" + ids.get("us-west-2") + "\",\n"
                + "    \"" + IMAGE_VERSION + "\": \"" + VERSION + "\"\n"
                + "  }\n"
                + "}\n");
    }

    @Test
    void publish_regionNotInAmiInput_errorNamesIt() throws Exception {
        images(true, "us-west-2");

        assertThatThrownBy(() -> publisher.publish(request(List.of("us-west-2", "eu-north-1"))))
                .hasMessageStartingWith("Given region(s) in Infra.toml / regions argument that are not in"
                        + " --ami-input file: eu-north-1");
        assertThat(emu.calls()).isEmpty();
    }

    @Test
    void publish_noTemplateForVariant_nothingToDo() throws Exception {
        images(true, "us-west-2");
        SsmRequest r = request(List.of("us-west-2"));
        SsmRequest ecs = new SsmRequest(r.amiInput(), r.regions(), Ec2Arch.X86_64, "aws-ecs-2", VERSION,
                Path.of("src/test/resources/ssm/filtered.toml"), r.ssmPrefix(), false, false, Optional.empty());
        SsmRequest none = new SsmRequest(r.amiInput(), r.regions(), Ec2Arch.X86_64, "aws-ecs-2", VERSION,
                writeTemplates("[[parameter]]\nvariant = [\"aws-dev\"]\nname = \"n\"\nvalue = \"v\"\n"),
                r.ssmPrefix(), false, false, Optional.empty());

        assertThat(publisher.publish(none).parameters()).isEmpty();
        assertThat(log.infos).anyMatch(i -> i.startsWith("No parameters for this arch/variant in "));
        assertThat(emu.calls()).isEmpty();
        assertThat(publisher.plan(ecs).parameters()).hasSize(2);
    }

    @Test
    void plan_publicImages_listsCallsWithoutCallingAwsOrWriting() throws Exception {
        Map<String, String> ids = images(true, "us-west-2", "us-east-1");

        SsmPlan plan = publisher.plan(request(List.of("us-west-2", "us-east-1")));

        assertThat(plan.parameters()).hasSize(4).containsEntry(new SsmKey("us-east-1", IMAGE_VERSION), VERSION);
        assertThat(plan.calls()).extracting(PlannedCall::toString).containsExactly(
                "ec2 DescribeImages us-east-1: " + ids.get("us-east-1"),
                "ec2 DescribeImages us-west-2: " + ids.get("us-west-2"),
                "ssm GetParameters us-east-1: " + IMAGE_ID + ", " + IMAGE_VERSION,
                "ssm GetParameters us-west-2: " + IMAGE_ID + ", " + IMAGE_VERSION,
                "ssm PutParameter us-east-1: " + IMAGE_ID + ", " + IMAGE_VERSION,
                "ssm PutParameter us-west-2: " + IMAGE_ID + ", " + IMAGE_VERSION);
        assertThat(emu.calls()).isEmpty();
        assertThat(dir.resolve("ssm-params.json")).doesNotExist();
    }

    private Path writeTemplates(String toml) throws Exception {
        Path file = dir.resolve("templates.toml");
        Files.writeString(file, toml);
        return file;
    }
}
