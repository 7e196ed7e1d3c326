package pubsys.ami;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import common.ErrorCategory;
import common.TwoliterException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The expected-AMIs file of validate-ami: amis.json and lists, defaults, and messages for bad input. */
class AmiValidationParsingTest {
    @Test
    void parse_amisJson_takesUpstreamDefaults() throws Exception {
        String amis = AmisFile.render(Map.of("us-west-2", new AmiRecord("ami-1", "br", true,
                List.of(LaunchPermission.group("all")))));

        Map<String, List<AmiValidationImageDef>> expected = AmiValidationExpected.parse(amis, "amis.json");

        assertThat(expected).containsOnlyKeys("us-west-2");
        assertThat(expected.get("us-west-2")).containsExactly(new AmiValidationImageDef("ami-1", "br", true,
                Optional.of(List.of(LaunchPermission.group("all"))), true, "simple"));
    }

    @Test
    void parse_listsAndNullPermissions_keepOrderAndAbsence() throws Exception {
        String json = """
                {"us-east-1": [
                   {"id": "ami-2", "name": "b", "launch_permissions": null, "ena_support": false,
                    "sriov_net_support": ""},
                   {"id": "ami-3", "name": "c", "launch_permissions": [{"userid": "222233334444"}]}],
                 "us-west-2": {"id": "ami-1", "name": "a"}}
                """;

        Map<String, List<AmiValidationImageDef>> expected = AmiValidationExpected.parse(json, "f");

        assertThat(expected).containsOnlyKeys("us-east-1", "us-west-2");
        assertThat(expected.keySet()).containsExactly("us-east-1", "us-west-2");
        assertThat(expected.get("us-east-1")).containsExactly(
                new AmiValidationImageDef("ami-2", "b", false, Optional.empty(), false, ""),
                new AmiValidationImageDef("ami-3", "c", false,
                        Optional.of(List.of(LaunchPermission.user("222233334444"))), true, "simple"));
        assertThat(expected.get("us-west-2")).containsExactly(
                new AmiValidationImageDef("ami-1", "a", false, Optional.empty(), true, "simple"));
    }

    @Test
    void parse_missingName_namesRegionAndField() {
        assertThatThrownBy(() -> AmiValidationExpected.parse("{\"us-west-2\": [{\"id\": \"ami-1\"}]}", "'e.json'"))
                .isInstanceOfSatisfying(TwoliterException.class, e -> assertThat(e.category())
                        .isEqualTo(ErrorCategory.BAD_INPUT))
                .hasMessage("'e.json': region 'us-west-2': 'name' must be a string and is missing");
    }

    @Test
    void parse_publicNotBoolean_quotesTheValue() {
        assertThatThrownBy(() -> AmiValidationExpected.parse(
                "{\"r\": {\"id\": \"ami-1\", \"name\": \"n\", \"public\": \"yes\"}}", "f"))
                .hasMessage("f: region 'r': 'public' must be true or false, got \"yes\"");
    }

    @Test
    void parse_unknownPermissionKind_isRejected() {
        assertThatThrownBy(() -> AmiValidationExpected.parse(
                "{\"r\": {\"id\": \"ami-1\", \"name\": \"n\", \"launch_permissions\": [{\"account\": \"1\"}]}}",
                "f"))
                .hasMessageContaining("unknown launch permission 'account'");
    }

    @Test
    void parse_notAnObject_saysWhatIsExpected() {
        assertThatThrownBy(() -> AmiValidationExpected.parse("[1]", "f"))
                .hasMessage("f: expected an object of region -> image or list of images");
        assertThatThrownBy(() -> AmiValidationExpected.parse("{", "f")).hasMessageStartingWith("f: invalid JSON");
    }

    @Test
    void request_filterWithoutPath_isRejected() {
        assertThatThrownBy(() -> new AmiValidationRequest(java.nio.file.Path.of("e.json"), Optional.empty(),
                java.util.Set.of(AmiValidationStatus.MISSING)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--write-results-filter needs --write-results-path");
    }

    @Test
    void statusParse_isCaseSensitiveAndListsTheChoices() throws Exception {
        assertThat(AmiValidationStatus.parse("Unreachable")).isEqualTo(AmiValidationStatus.UNREACHABLE);
        assertThatThrownBy(() -> AmiValidationStatus.parse("missing"))
                .hasMessage("--write-results-filter 'missing' is not a status; use one of [Correct, Incorrect,"
                        + " Missing, Unreachable]");
    }
}
