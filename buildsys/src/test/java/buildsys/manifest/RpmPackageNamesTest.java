package buildsys.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class RpmPackageNamesTest {
    private static RpmPackageNames fixture(String name) {
        try {
            return RpmPackageNames.parse(Files.readAllLines(Path.of("src/test/resources/specs/" + name)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void parse_chainedGlobalsAndDashNSubpackages_expandToRpmNames() {
        RpmPackageNames names = fixture("go-tools.spec");

        assertThat(names.names()).containsExactly("bottlerocket-gadget", "bottlerocket-gadget-cli-2.4",
                "bottlerocket-gadgetd", "bottlerocket-gadget-devel");
        assertThat(names.withoutPrefix()).containsExactly("gadget", "gadget-cli-2.4", "gadgetd", "gadget-devel");
        assertThat(names.unexpanded()).isEmpty();
    }

    @Test
    void parse_nameAndVersionMacros_comeFromTheMainPreambleOnly() {
        RpmPackageNames names = fixture("driver.spec");

        assertThat(names.names()).containsExactly("bottlerocket-driver-6.1", "bottlerocket-driver-6.1-legacy-470",
                "bottlerocket-driver-v1.0.0-extras", "bottlerocket-driver-6.1-firmware");
        assertThat(names.unexpanded()).isEmpty();
    }

    @Test
    void parse_conditionalForms_expand_andUnknownMacrosAreSetAside() {
        RpmPackageNames names = fixture("conditional.spec");

        assertThat(names.names()).containsExactly("bottlerocket-plain-widget", "bottlerocket-plain-widget-fallback",
                "unprefixed-plain-widget");
        assertThat(names.withoutPrefix()).containsExactly("plain-widget", "plain-widget-fallback");
        assertThat(names.unexpanded()).containsExactly("%{_cross_os}%{base}-tools",
                "%{_cross_os}%{sdk_only_macro}-helper");
    }

    @Test
    void parse_selfReferringMacro_isUnexpandableInsteadOfLooping() {
        RpmPackageNames names = RpmPackageNames.parse(List.of("%define loop %{loop}x", "Name: %{_cross_os}%{loop}",
                "%package -n %{_cross_os}%(uname)", "%package -n %{_cross_os}%{lua:print(1)}"));

        assertThat(names.names()).isEmpty();
        assertThat(names.unexpanded()).containsExactly("%{_cross_os}%{loop}", "%{_cross_os}%(uname)",
                "%{_cross_os}%{lua:print(1)}");
    }

    @Test
    void parse_macrosThatDoubleAtEachLevel_areSetAsideQuickly() {
        List<String> lines = new java.util.ArrayList<>();
        lines.add("%global m0 x");
        for (int i = 1; i <= 30; i++) {
            lines.add("%global m" + i + " %{m" + (i - 1) + "}%{m" + (i - 1) + "}");
        }
        lines.add("Name: %{_cross_os}%{m30}");
        // %define expands when used, not when defined: 2^30 uses of empty macros.
        lines.add("%define e0 %{?undefined_macro}");
        for (int i = 1; i <= 30; i++) {
            lines.add("%define e" + i + " %{e" + (i - 1) + "}%{e" + (i - 1) + "}");
        }
        lines.add("%package -n %{_cross_os}tool%{e30}");

        long start = System.nanoTime();
        RpmPackageNames names = RpmPackageNames.parse(lines);

        assertThat(names.names()).isEmpty();
        assertThat(names.unexpanded()).containsExactly("%{_cross_os}%{m30}", "%{_cross_os}tool%{e30}");
        assertThat(System.nanoTime() - start).isLessThan(5_000_000_000L);
    }

    @Test
    void parse_packageWithoutMainName_isSkipped() {
        assertThat(RpmPackageNames.parse(List.of("%package devel", "%package -n %{_cross_os}x")).names())
                .containsExactly("bottlerocket-x");
    }
}
