package pubsys.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import common.TwoliterException;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class VersionTest {
    @Test
    void compareTo_semverExamples_precedenceOrder() throws TwoliterException {
        List<String> ordered = List.of("1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta",
                "1.0.0-beta.2", "1.0.0-beta.11", "1.0.0-rc.1", "1.0.0", "1.2.0", "1.10.0", "2.0.0");
        List<Version> versions = new java.util.ArrayList<>();
        for (String text : ordered) {
            versions.add(Version.parse(text));
        }

        assertThat(Stream.of(versions.toArray(Version[]::new)).sorted().map(Version::toString))
                .containsExactlyElementsOf(ordered);
    }

    @Test
    void parse_buildMetadata_roundTrips() throws TwoliterException {
        assertThat(Version.parse("1.20.0-rc.1+abc.5").toString()).isEqualTo("1.20.0-rc.1+abc.5");
    }

    @Test
    void parse_leadingV_errorQuotesValue() {
        assertThatThrownBy(() -> Version.parse("v1.0.0"))
                .hasMessage("'v1.0.0' is not a semantic version; expected something like '1.20.0' (no leading 'v')");
    }
}
