package pubsys.ssm;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pubsys.aws.AwsClients;
import pubsys.infra.AwsConfig;
import pubsys.testing.AwsEmulator;

/** {@code validate-ssm} against the AWS emulator (pubsys.md §12, V1). */
class SsmValidatorTest {
    final AwsEmulator emu = AwsEmulator.start();
    final AwsClients clients = emu.clients(AwsConfig.empty(), "us-west-2");
    final RecordingLog log = new RecordingLog();
    final SsmValidator validator = new SsmValidator(clients, new RecordingSleeper(), log);
    @TempDir
    Path dir;
    Path expected;

    @AfterEach
    void stop() {
        clients.close();
        emu.close();
    }

    // V1: expected {w2: t1=v1, t2=v2; e1: t3=v3}, actual {w2: t1=v1, t2=v2-wrong; e1: t4=v4}.
    @BeforeEach
    void v1() throws Exception {
        expected = dir.resolve("expected.json");
        Files.writeString(expected, """
                {"us-west-2": {"/p/t1": "v1", "/p/t2": "v2"}, "us-east-1": {"/p/t3": "v3"}}""");
        emu.putParameter("us-west-2", "/p/t1", "v1");
        emu.putParameter("us-west-2", "/p/t2", "v2-wrong");
        emu.putParameter("us-east-1", "/p/t4", "v4");
        emu.putParameter("us-east-1", "/elsewhere/t5", "v5");
    }

    ValidateSsmRequest request(boolean checkUnexpected) {
        return new ValidateSsmRequest(expected, Optional.of("/p"), checkUnexpected);
    }

    static Map<String, ValidationStatus> statuses(SsmValidation v) {
        return v.results(Set.of()).stream().collect(java.util.stream.Collectors.toMap(
                r -> r.key().region() + " " + r.key().name(), ValidationResult::status));
    }

    @Test
    void validate_checkUnexpected_everyStatus() throws Exception {
        SsmValidation v = validator.validate(request(true));

        assertThat(statuses(v)).isEqualTo(Map.of("us-west-2 /p/t1", ValidationStatus.CORRECT,
                "us-west-2 /p/t2", ValidationStatus.INCORRECT, "us-east-1 /p/t3", ValidationStatus.MISSING,
                "us-east-1 /p/t4", ValidationStatus.UNEXPECTED));
        assertThat(emu.calls("GetParametersByPath")).allSatisfy(c -> assertThat(c.params())
                .containsEntry("Path", "/p").containsEntry("Recursive", "true"));
    }

    @Test
    void validate_withoutCheckUnexpected_unexpectedOmitted() throws Exception {
        assertThat(statuses(validator.validate(request(false)))).hasSize(3)
                .doesNotContainKey("us-east-1 /p/t4");
    }

    @Test
    void validate_regionFails_itsParametersUnreachable() throws Exception {
        emu.invalidNamespace("us-east-1");

        SsmValidation v = validator.validate(request(true));

        assertThat(statuses(v)).containsEntry("us-east-1 /p/t3", ValidationStatus.UNREACHABLE)
                .containsEntry("us-west-2 /p/t1", ValidationStatus.CORRECT).hasSize(3);
        assertThat(log.errors).singleElement().asString().contains("us-east-1");
    }

    @Test
    void validate_manyParameters_allPagesRead() throws Exception {
        StringBuilder json = new StringBuilder("{\"eu-west-1\": {");
        for (int i = 0; i < 25; i++) {
            emu.putParameter("eu-west-1", "/p/deep/n" + i, "v" + i);
            json.append(i == 0 ? "" : ",").append("\"/p/deep/n").append(i).append("\": \"v").append(i).append('"');
        }
        Files.writeString(expected, json.append("}}"));

        SsmValidation v = validator.validate(request(true));

        assertThat(v.summary().get("eu-west-1")).containsEntry(ValidationStatus.CORRECT, 25)
                .containsEntry(ValidationStatus.UNEXPECTED, 0);
        assertThat(emu.calls("GetParametersByPath")).hasSize(3);
    }

    @Test
    void summaryJson_v1_countsPerRegion() throws Exception {
        assertThat(validator.validate(request(true)).summaryJson()).isEqualTo("""
                {
                  "us-east-1": {
                    "correct": 0,
                    "incorrect": 0,
                    "missing": 1,
                    "unexpected": 1,
                    "unreachable": 0
                  },
                  "us-west-2": {
                    "correct": 1,
                    "incorrect": 1,
                    "missing": 0,
                    "unexpected": 0,
                    "unreachable": 0
                  }
                }
                """);
    }

    @Test
    void summaryTable_v1_rowPerRegion() throws Exception {
        assertThat(validator.validate(request(true)).summaryTable()).isEqualTo("""
                +-----------+---------+-----------+---------+------------+-------------+
                | region    | correct | incorrect | missing | unexpected | unreachable |
                +-----------+---------+-----------+---------+------------+-------------+
                | us-east-1 | 0       | 0         | 1       | 1          | 0           |
                +-----------+---------+-----------+---------+------------+-------------+
                | us-west-2 | 1       | 1         | 0       | 0          | 0           |
                +-----------+---------+-----------+---------+------------+-------------+
                """);
    }

    @Test
    void writeResults_filter_onlyThoseStatusesWithNulls() throws Exception {
        Path results = dir.resolve("results.json");

        validator.validate(request(true)).writeResults(results,
                Set.of(ValidationStatus.MISSING, ValidationStatus.UNEXPECTED));

        assertThat(Files.readString(results)).isEqualTo("""
                [
                  {
                    "name": "/p/t3",
                    "expected_value": "v3",
                    "actual_value": null,
                    "region": "us-east-1",
                    "status": "Missing"
                  },
                  {
                    "name": "/p/t4",
                    "expected_value": null,
                    "actual_value": "v4",
                    "region": "us-east-1",
                    "status": "Unexpected"
                  }
                ]
                """);
    }

    @Test
    void results_regionsWithoutParameters_emptySet() throws Exception {
        Files.writeString(expected, "{\"us-west-2\": {}, \"us-east-1\": {}}");

        SsmValidation v = validator.validate(request(false));

        assertThat(v.results(Set.of(ValidationStatus.CORRECT))).isEmpty();
        assertThat(v.summary()).containsOnlyKeys("us-east-1", "us-west-2");
        assertThat(v.resultsJson(Set.of())).isEqualTo("[]\n");
    }

    @Test
    void plan_v1_oneReadPerRegion() throws Exception {
        SsmPlan plan = validator.plan(new ValidateSsmRequest(expected, Optional.empty(), true));

        assertThat(plan.parameters()).hasSize(3);
        assertThat(plan.calls()).extracting(PlannedCall::toString).containsExactly(
                "ssm GetParametersByPath us-east-1: /", "ssm GetParametersByPath us-west-2: /");
        assertThat(emu.calls()).isEmpty();
    }
}
