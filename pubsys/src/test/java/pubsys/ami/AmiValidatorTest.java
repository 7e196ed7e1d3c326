package pubsys.ami;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pubsys.aws.AwsClients;
import pubsys.infra.AwsConfig;
import pubsys.testing.AwsEmulator;
import pubsys.testing.AwsEmulator.Call;

/** validate-ami against the AWS emulator (pubsys.md §12, §16 V2). */
class AmiValidatorTest {
    private static final String WEST = "us-west-2";
    private static final String EAST = "us-east-1";
    /** A region whose role cannot be assumed, so EC2 there cannot be asked. */
    private static final String BROKEN = "eu-west-1";
    private static final String NOT_THERE = "ami-00000000000000dead";

    private final AwsEmulator emu = AwsEmulator.start();
    private final AwsClients clients = emu.clients(new AwsConfig(List.of(WEST, EAST, BROKEN), Optional.empty(),
            Optional.empty(), Map.of(BROKEN, "arn:aws:iam::not-an-account:role/publish"), Optional.empty()), WEST);
    private final AmiValidator validator = new AmiValidator(clients);
    private final AmiPermissionsTest.Log log = new AmiPermissionsTest.Log();

    @TempDir
    Path dir;

    @AfterEach
    void stop() {
        clients.close();
        emu.close();
    }

    /** V2: three images expected public in us-west-2 (t1 as expected, t2 private, t3 absent), one in BROKEN. */
    private Path v2() throws Exception {
        String t1 = emu.addImage(WEST, "t1", "x86_64", true, List.of());
        String t2 = emu.addImage(WEST, "t2", "x86_64", false, List.of("userid:222233334444"));
        Path expected = dir.resolve("expected.json");
        Files.writeString(expected, """
                {"us-west-2": [
                  {"id": "%s", "name": "t1", "public": true, "launch_permissions": [{"group": "all"}]},
                  {"id": "%s", "name": "t2", "public": true, "launch_permissions": [{"group": "all"}]},
                  {"id": "%s", "name": "t3", "public": true}],
                 "eu-west-1": {"id": "ami-0123", "name": "t4", "public": true}}
                """.formatted(t1, t2, NOT_THERE));
        return expected;
    }

    @Test
    void validate_v2_correctIncorrectMissingAndUnreachable() throws Exception {
        Path expected = v2();

        AmiValidationResults results = validator.validate(AmiValidationRequest.of(expected), log);

        assertThat(results.results()).extracting(r -> r.expected().name(), AmiValidationResult::status)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("t1", AmiValidationStatus.CORRECT),
                        org.assertj.core.groups.Tuple.tuple("t2", AmiValidationStatus.INCORRECT),
                        org.assertj.core.groups.Tuple.tuple("t3", AmiValidationStatus.MISSING),
                        org.assertj.core.groups.Tuple.tuple("t4", AmiValidationStatus.UNREACHABLE));
        assertThat(results.summary()).containsExactly(
                Map.entry(BROKEN, new AmiValidationResults.Counts(0, 0, 0, 1)),
                Map.entry(WEST, new AmiValidationResults.Counts(1, 1, 1, 0)));
        assertThat(results.results().get(1).actual()).hasValueSatisfying(a -> assertThat(a.isPublic()).isFalse());
        // Public images' permissions are not read, as upstream.
        assertThat(emu.calls("DescribeImageAttribute")).isEmpty();
        assertThat(emu.calls("DescribeImages")).filteredOn(c -> c.params().containsKey("ImageId.3")).first()
                .satisfies(c -> assertThat(c.params()).containsEntry("IncludeDeprecated", "true"));
        assertThat(log.errors).singleElement().asString().contains(BROKEN).contains("Unreachable");
    }

    @Test
    void validate_amisJsonOfPrivateImage_readsItsPermissionsAndIsCorrect() throws Exception {
        String id = emu.addImage(EAST, "private", "arm64", false, List.of("userid:222233334444"));
        Path expected = dir.resolve("amis.json");
        AmisFile.write(expected, Map.of(EAST, new AmiRecord(id, "private", false,
                List.of(LaunchPermission.user("222233334444")))));

        AmiValidationResults results = validator.validate(AmiValidationRequest.of(expected), log);

        assertThat(results.allCorrect()).isTrue();
        assertThat(emu.calls("DescribeImageAttribute")).extracting(Call::region).containsExactly(EAST);
        assertThat(results.renderSummaryJson().replaceAll("\\s", ""))
                .isEqualTo("{\"us-east-1\":{\"correct\":1,\"incorrect\":0,\"missing\":0,\"unreachable\":0}}");
    }

    @Test
    void validate_privateImageWithAnExtraGrant_isIncorrect() throws Exception {
        String id = emu.addImage(EAST, "private", "arm64", false, List.of("userid:222233334444"));
        Path expected = dir.resolve("amis.json");
        AmisFile.write(expected, Map.of(EAST, AmiRecord.fresh(id, "private")));

        AmiValidationResults results = validator.validate(AmiValidationRequest.of(expected), log);

        assertThat(results.results()).singleElement().extracting(AmiValidationResult::status)
                .isEqualTo(AmiValidationStatus.INCORRECT);
    }

    @Test
    void validate_withResultsFilter_writesOnlyThoseStatuses() throws Exception {
        Path expected = v2();
        Path out = dir.resolve("results.json");

        validator.validate(new AmiValidationRequest(expected, Optional.of(out),
                Set.of(AmiValidationStatus.MISSING, AmiValidationStatus.UNREACHABLE)), log);

        JsonNode written = new ObjectMapper().readTree(Files.readString(out));
        assertThat(written).hasSize(2);
        assertThat(written.get(0).get("id").asText()).isEqualTo(NOT_THERE);
        assertThat(written.get(0).get("status").asText()).isEqualTo("Missing");
        assertThat(written.get(0).get("actual_image_def").isNull()).isTrue();
        assertThat(written.get(0).get("expected_image_def").get("launch_permissions").isNull()).isTrue();
        assertThat(written.get(1).get("region").asText()).isEqualTo(BROKEN);
        assertThat(written.get(1).get("status").asText()).isEqualTo("Unreachable");
    }

    @Test
    void validate_throttledRegion_isRetriedBySdkAndStillCorrect() throws Exception {
        String id = emu.addImage(WEST, "t1", "x86_64", true, List.of());
        Path expected = dir.resolve("amis.json");
        AmisFile.write(expected, Map.of(WEST, new AmiRecord(id, "t1", true, List.of(LaunchPermission.group("all")))));
        emu.fault(AwsEmulator.Fault.next(2, "DescribeImages", 503, "RequestLimitExceeded"));

        assertThat(validator.validate(AmiValidationRequest.of(expected), log).allCorrect()).isTrue();
    }

    @Test
    void plan_listsDescribeCallsPerRegionAndCallsNothing() throws Exception {
        Path expected = dir.resolve("expected.json");
        Files.writeString(expected, """
                {"us-west-2": [{"id": "ami-1", "name": "a", "public": true}, {"id": "ami-2", "name": "b"}],
                 "us-east-1": []}
                """);

        List<String> plan = AmiValidator.plan(new AmiValidationRequest(expected, Optional.of(dir.resolve("r.json")),
                Set.of()));

        assertThat(plan).containsExactly(
                "us-west-2: DescribeImages ImageIds=[ami-1, ami-2] IncludeDeprecated=true",
                "us-west-2: DescribeImageAttribute ImageId=ami-2 Attribute=launchPermission (if the image exists)",
                "write results to '" + dir.resolve("r.json") + "'");
        assertThat(emu.calls()).isEmpty();
    }
}
