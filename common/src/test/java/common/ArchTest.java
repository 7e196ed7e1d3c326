package common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ArchTest {
    @Test
    void parse_knownNames() throws TwoliterException {
        assertThat(Arch.parse("x86_64", "--arch")).isEqualTo(Arch.X86_64);
        assertThat(Arch.parse("aarch64", "--arch").goArch()).isEqualTo("arm64");
    }

    @Test
    void parse_unknownName_listsTheSupportedOnes() {
        assertThatThrownBy(() -> Arch.parse("riscv64", "--arch"))
                .hasMessage("unsupported architecture 'riscv64' in --arch; supported are x86_64 and aarch64");
    }

    @Test
    void parse_goName_suggestsTheRpmName() {
        assertThatThrownBy(() -> Arch.parse("amd64", "BUILDSYS_ARCH"))
                .hasMessageEndingWith("; did you mean 'x86_64'?")
                .extracting(e -> ((TwoliterException) e).exitCode()).isEqualTo(2);
    }
}
