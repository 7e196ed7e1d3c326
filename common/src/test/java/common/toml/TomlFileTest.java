package common.toml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import common.ErrorCategory;
import common.TwoliterException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TomlFileTest {
    @TempDir
    Path dir;

    @Test
    void read_invalidUtf8_saysNotUtf8WithFileLineAndByte() throws IOException {
        Path file = dir.resolve("Twoliter.toml");
        Files.write(file, new byte[] {'a', ' ', '=', ' ', '1', '\n', 'b', ' ', '=', ' ', '"', (byte) 0xe9, '"', '\n'});

        assertThatThrownBy(() -> TomlFile.read(file, "Twoliter.toml"))
                .isInstanceOf(TwoliterException.class)
                .hasMessage("Twoliter.toml:2: not UTF-8 text (byte 0xe9 at offset 11); TOML files must be UTF-8:"
                        + " save the file as UTF-8, or check that it is the file you meant")
                .satisfies(e -> assertThat(((TwoliterException) e).category()).isEqualTo(ErrorCategory.BAD_INPUT));
    }

    @Test
    void read_binaryGarbage_isOneLineNamingTheFile() throws IOException {
        Path file = dir.resolve("Release.toml");
        byte[] garbage = new byte[256];
        for (int i = 0; i < garbage.length; i++) {
            garbage[i] = (byte) (255 - i);
        }
        Files.write(file, garbage);

        assertThatThrownBy(() -> TomlFile.read(file, "Release.toml"))
                .hasMessageStartingWith("Release.toml:1: not UTF-8 text (byte 0xff at offset 0)")
                .message().doesNotContain("\n");
    }

    @Test
    void read_utf8_isParsed() throws IOException, TwoliterException {
        Path file = dir.resolve("Twoliter.toml");
        Files.writeString(file, "name = \"Jos\u00e9\"\n", StandardCharsets.UTF_8);

        assertThat(TomlFile.read(file, "Twoliter.toml").root().string("name")).isEqualTo("Jos\u00e9");
    }
}
