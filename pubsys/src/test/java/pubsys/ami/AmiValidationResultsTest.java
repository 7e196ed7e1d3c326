package pubsys.ami;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Comparison (pubsys.md §16 V2), the per-region summary and the JSON renderings of validate-ami. */
class AmiValidationResultsTest {
    private static final List<LaunchPermission> ALL = List.of(LaunchPermission.group("all"));

    private static AmiValidationImageDef publicDef(String id) {
        return new AmiValidationImageDef(id, id + "-name", true, Optional.of(ALL), true, "simple");
    }

    private static AmiValidationImageDef actual(String id, boolean isPublic, List<LaunchPermission> perms) {
        return new AmiValidationImageDef(id, id + "-name", isPublic, Optional.ofNullable(perms), true, "simple");
    }

    @Test
    void compare_v2_correctIncorrectMissing() {
        // given: three public images expected; t1 as expected, t2 private (with group all listed), t3 absent
        List<AmiValidationImageDef> expected = List.of(publicDef("t1"), publicDef("t2"), publicDef("t3"));
        Map<String, AmiValidationImageDef> actual = Map.of("t1", actual("t1", true, null),
                "t2", actual("t2", false, ALL));

        // when
        List<AmiValidationResult> results = AmiValidator.compare("us-west-2", expected, actual);

        // then
        assertThat(results).extracting(AmiValidationResult::status).containsExactly(AmiValidationStatus.CORRECT,
                AmiValidationStatus.INCORRECT, AmiValidationStatus.MISSING);
        assertThat(results.get(0).expected().launchPermissions()).isEmpty();
        assertThat(results.get(2).actual()).isEmpty();
    }

    @Test
    void compare_privateImage_comparesPermissionsAsASet() {
        List<LaunchPermission> two = List.of(LaunchPermission.user("1"), LaunchPermission.user("2"));
        AmiValidationImageDef want = new AmiValidationImageDef("a", "a-name", false, Optional.of(two), true,
                "simple");

        assertThat(AmiValidator.compare("r", List.of(want), Map.of("a", actual("a", false, List.of(two.get(1),
                two.get(0)))))).singleElement().extracting(AmiValidationResult::status)
                .isEqualTo(AmiValidationStatus.CORRECT);
        assertThat(AmiValidator.compare("r", List.of(want), Map.of("a", actual("a", false, two.subList(0, 1)))))
                .singleElement().extracting(AmiValidationResult::status).isEqualTo(AmiValidationStatus.INCORRECT);
    }

    @Test
    void compare_enaOrSriovDiffer_isIncorrect() {
        AmiValidationImageDef want = actual("a", false, List.of());
        AmiValidationImageDef noEna = new AmiValidationImageDef("a", "a-name", false, Optional.of(List.of()), false,
                "simple");
        AmiValidationImageDef noSriov = new AmiValidationImageDef("a", "a-name", false, Optional.of(List.of()), true,
                "");

        assertThat(AmiValidator.compare("r", List.of(want, want), Map.of("a", noEna)))
                .extracting(AmiValidationResult::status).containsOnly(AmiValidationStatus.INCORRECT);
        assertThat(AmiValidator.compare("r", List.of(want), Map.of("a", noSriov)))
                .extracting(AmiValidationResult::status).containsOnly(AmiValidationStatus.INCORRECT);
    }

    private static AmiValidationResults sample() {
        List<AmiValidationImageDef> west = List.of(publicDef("t1"), publicDef("t2"), publicDef("t3"));
        List<AmiValidationResult> results = new java.util.ArrayList<>(AmiValidator.compare("us-west-2", west,
                Map.of("t1", actual("t1", true, null), "t2", actual("t2", false, ALL))));
        results.addAll(AmiValidator.unreachable("us-east-1", List.of(publicDef("e1"))));
        return new AmiValidationResults(List.of("us-west-2", "us-east-1", "eu-west-1"), results);
    }

    @Test
    void summary_countsUnreachableInItsOwnColumn() {
        // Upstream (QUIRK) would report us-east-1 as missing 1, unreachable 0.
        assertThat(sample().summary()).containsExactly(
                Map.entry("eu-west-1", new AmiValidationResults.Counts(0, 0, 0, 0)),
                Map.entry("us-east-1", new AmiValidationResults.Counts(0, 0, 0, 1)),
                Map.entry("us-west-2", new AmiValidationResults.Counts(1, 1, 1, 0)));
        assertThat(sample().allCorrect()).isFalse();
    }

    @Test
    void renderSummaryJson_oneObjectPerRegion() {
        assertThat(sample().renderSummaryJson().replaceAll("\\s", "")).isEqualTo(
                "{\"eu-west-1\":{\"correct\":0,\"incorrect\":0,\"missing\":0,\"unreachable\":0},"
                        + "\"us-east-1\":{\"correct\":0,\"incorrect\":0,\"missing\":0,\"unreachable\":1},"
                        + "\"us-west-2\":{\"correct\":1,\"incorrect\":1,\"missing\":1,\"unreachable\":0}}");
    }

    @Test
    void renderResults_filtered_keepsOnlyThoseStatusesWithUpstreamFields() {
        String json = sample().renderResults(Set.of(AmiValidationStatus.INCORRECT, AmiValidationStatus.UNREACHABLE))
                .replaceAll("\\s", "");

        assertThat(json).isEqualTo("["
                + "{\"id\":\"t2\",\"expected_image_def\":{\"id\":\"t2\",\"name\":\"t2-name\",\"public\":true,"
                + "\"launch_permissions\":null,\"ena_support\":true,\"sriov_net_support\":\"simple\"},"
                + "\"actual_image_def\":{\"id\":\"t2\",\"name\":\"t2-name\",\"public\":false,"
                + "\"launch_permissions\":[{\"group\":\"all\"}],\"ena_support\":true,\"sriov_net_support\":\"simple\"},"
                + "\"region\":\"us-west-2\",\"status\":\"Incorrect\"},"
                + "{\"id\":\"e1\",\"expected_image_def\":{\"id\":\"e1\",\"name\":\"e1-name\",\"public\":true,"
                + "\"launch_permissions\":[{\"group\":\"all\"}],\"ena_support\":true,\"sriov_net_support\":\"simple\"},"
                + "\"actual_image_def\":null,\"region\":\"us-east-1\",\"status\":\"Unreachable\"}]");
    }

    @Test
    void writeResults_noFilter_writesAllAtomically(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("sub/results.json");

        sample().writeResults(out, Set.of());

        assertThat(Files.readString(out)).isEqualTo(sample().renderResults(Set.of()));
        assertThat(sample().withStatus(Set.of())).hasSize(4);
        try (var files = Files.list(out.getParent())) {
            assertThat(files).containsExactly(out);
        }
    }
}
