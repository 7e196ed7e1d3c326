package twoliter.project;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import common.TwoliterException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TwoliterOverrideTest {
    @TempDir
    Path dir;

    @Test
    void read_registryNameAndPath_parsedPerImage() throws Exception {
        Path file = Files.writeString(dir.resolve("Twoliter.override"), "[acme.sdk]\nregistry = \"m.example\"\n"
                + "name = \"my-sdk\"\n\n[acme.core-kit]\npath = \"../core/build/kits/core-kit\"\n");

        TwoliterOverride override = TwoliterOverride.read(file);

        assertThat(override.forImage("acme", "sdk")).contains(new TwoliterOverride.Entry(Optional.of("my-sdk"),
                Optional.of("m.example")));
        assertThat(override.forImage("acme", "core-kit").flatMap(TwoliterOverride.Entry::path))
                .contains("../core/build/kits/core-kit");
    }

    @Test
    void read_pathWithRegistry_failsNamingTheTable() throws Exception {
        Path file = Files.writeString(dir.resolve("Twoliter.override"),
                "[acme.core-kit]\npath = \"x\"\nregistry = \"m.example\"\n");

        assertThatThrownBy(() -> TwoliterOverride.read(file)).isInstanceOf(TwoliterException.class)
                .hasMessageContaining("Twoliter.override:2:").hasMessageContaining("[acme.core-kit]")
                .hasMessageContaining("either 'path' or 'name'/'registry'");
    }
}
