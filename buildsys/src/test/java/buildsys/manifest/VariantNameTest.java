package buildsys.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import common.TwoliterException;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class VariantNameTest {
    // Upstream's bottlerocket-variant parse_ok cases (buildsys.md §9) plus metal-dev's family.
    @ParameterizedTest
    @CsvSource({
            "aws-k8s-1.21, aws, k8s, aws-k8s, 1.21, ",
            "metal-dev, metal, dev, metal-dev, , ",
            "aws-ecs-1, aws, ecs, aws-ecs, 1, ",
            "aws-k8s-1.24-nvidia-some-additional-ignored-tuple-positions, aws, k8s, aws-k8s, 1.24, nvidia",
            "aws-k8s-1.29-nvidia, aws, k8s, aws-k8s, 1.29, nvidia",
    })
    void parse_validNames_splitsSegments(String name, String platform, String runtime, String family, String version,
                                         String flavor) throws TwoliterException {
        VariantName parsed = VariantName.parse(name);

        assertThat(parsed.platform()).isEqualTo(platform);
        assertThat(parsed.runtime()).isEqualTo(runtime);
        assertThat(parsed.family()).isEqualTo(family);
        assertThat(parsed.version()).isEqualTo(Optional.ofNullable(version));
        assertThat(parsed.flavor()).isEqualTo(Optional.ofNullable(flavor));
    }

    @ParameterizedTest
    @ValueSource(strings = {"aws", "aws-", "aws-dev-", "aws-k8s-1.24-"})
    void parse_missingOrEmptySegment_namesTheSegmentAndTheRule(String name) {
        assertThatThrownBy(() -> VariantName.parse(name))
                .isInstanceOf(TwoliterException.class)
                .hasMessageContaining("variant '" + name + "'")
                .hasMessageContaining("<platform>-<runtime>[-<version>[-<flavor>]]");
    }

    @ParameterizedTest
    @CsvSource({"aws, runtime, missing", "aws-, runtime, empty", "aws-dev-, version, empty",
            "aws-k8s-1.24-, flavor, empty"})
    void parse_invalid_saysWhichSegment(String name, String segment, String problem) {
        assertThatThrownBy(() -> VariantName.parse(name))
                .hasMessageStartingWith("the '" + segment + "' segment of the variant '" + name + "' is " + problem);
    }
}
