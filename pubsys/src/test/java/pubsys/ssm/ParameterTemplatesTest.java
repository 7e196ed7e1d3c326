package pubsys.ssm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import common.TwoliterException;
import common.toml.TomlFile;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import pubsys.aws.Ec2Arch;

class ParameterTemplatesTest {
    static final Path FILTERED = Path.of("src/test/resources/ssm/filtered.toml");

    static List<String> names(String variant, Ec2Arch arch) throws TwoliterException {
        return ParameterTemplates.applicable(ParameterTemplates.read(FILTERED), variant, arch).stream()
                .map(t -> t.name().text().substring(t.name().text().lastIndexOf('/') + 1)).toList();
    }

    @Test
    void read_defaults_twoTemplates() throws Exception {
        List<ParameterTemplate> templates = ParameterTemplates.read(Path.of("src/test/resources/ssm/defaults.toml"));

        assertThat(templates).extracting(t -> t.value().text()).containsExactly("{image_id}", "{image_version}");
        assertThat(templates).allMatch(t -> t.variants().isEmpty() && t.arches().isEmpty());
    }

    // The README's arch = ["aarch64"] matches too (upstream QUIRK fixed, pubsys.md §12).
    @Test
    void applicable_arm64_bothArchSpellingsMatch() throws Exception {
        assertThat(names("aws-k8s-1.24", Ec2Arch.ARM64))
                .containsExactly("everywhere", "k8s-only", "arm-by-build-name", "arm-by-ec2-name");
    }

    @Test
    void applicable_variantAndArchLists_bothMustAllow() throws Exception {
        assertThat(names("aws-ecs-2", Ec2Arch.X86_64)).containsExactly("everywhere", "ecs-x86-only");
        assertThat(names("aws-ecs-2", Ec2Arch.ARM64))
                .containsExactly("everywhere", "arm-by-build-name", "arm-by-ec2-name");
        assertThat(names("aws-dev", Ec2Arch.X86_64)).containsExactly("everywhere");
    }

    @Test
    void parse_noParameters_foundNoParameterTemplates() {
        assertThatThrownBy(() -> ParameterTemplates.parse(TomlFile.parse("# nothing\n", "policies/ssm/x.toml")))
                .hasMessageStartingWith("Found no parameter templates in policies/ssm/x.toml");
    }

    @Test
    void parse_unknownArch_errorNamesFileKeyAndValue() {
        String toml = "[[parameter]]\nname = \"n\"\nvalue = \"v\"\narch = [\"x86_64\", \"ppc64le\"]\n";

        assertThatThrownBy(() -> ParameterTemplates.parse(TomlFile.parse(toml, "policies/ssm/x.toml")))
                .hasMessageContaining("policies/ssm/x.toml:4:")
                .hasMessageContaining("'parameter[0].arch'")
                .hasMessageContaining("'ppc64le'");
    }

    @Test
    void parse_missingValue_errorNamesKey() {
        assertThatThrownBy(() -> ParameterTemplates.parse(TomlFile.parse("[[parameter]]\nname = \"n\"\n", "x.toml")))
                .hasMessageContaining("x.toml")
                .hasMessageContaining("'parameter[0].value' is missing");
    }

    @Test
    void parse_badTemplate_errorLocatesIt() {
        assertThatThrownBy(() -> ParameterTemplates.parse(TomlFile.parse(
                "[[parameter]]\nname = \"{variant\"\nvalue = \"v\"\n", "x.toml")))
                .hasMessageContaining("x.toml:2:")
                .hasMessageContaining("'parameter[0].name'");
    }
}
