package common.toml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import common.TwoliterException;
import org.junit.jupiter.api.Test;

class TomlNodeTest {
    @Test
    void parseError_namesFileLineAndColumn() {
        assertThatThrownBy(() -> TomlFile.parse("a = 1\nb = \n", "Twoliter.toml"))
                .isInstanceOf(TwoliterException.class)
                .hasMessageStartingWith("Twoliter.toml:2:5: invalid TOML: ");
    }

    @Test
    void typeError_namesKeyPathAndPosition() throws TwoliterException {
        TomlNode root = TomlFile.parse("[sdk]\nname = 3\n", "Twoliter.toml").root();
        TomlNode sdk = root.optTable("sdk").orElseThrow();

        assertThatThrownBy(() -> sdk.string("name"))
                .hasMessage("Twoliter.toml:2:1: 'sdk.name' must be a string, got the number 3");
    }

    @Test
    void missingKey_saysWhatToAdd() throws TwoliterException {
        TomlNode root = TomlFile.parse("x = 1\n", "Twoliter.toml").root();

        assertThatThrownBy(() -> root.string("release-version"))
                .hasMessage("Twoliter.toml: required key 'release-version' is missing; add it as a string");
    }

    @Test
    void keyPath_quotesKeysThatAreNotBare() throws TwoliterException {
        TomlNode root = TomlFile.parse("[migrations]\n\"(1.0.0, 1.1.0)\" = 5\n", "Release.toml").root();
        TomlNode migrations = root.optTable("migrations").orElseThrow();

        assertThat(migrations.keyPath("(1.0.0, 1.1.0)")).isEqualTo("migrations.\"(1.0.0, 1.1.0)\"");
        assertThatThrownBy(() -> migrations.optStringList("(1.0.0, 1.1.0)"))
                .hasMessageContaining("Release.toml:2:1");
    }

    @Test
    void arrayOfTables_itemsCarryTheirIndex() throws TwoliterException {
        TomlNode root = TomlFile.parse("[[kit]]\nname = \"a\"\n[[kit]]\nversion = 1\n", "Twoliter.toml").root();

        assertThatThrownBy(() -> root.tableArray("kit").get(1).string("version"))
                .hasMessageContaining("'kit[1].version' must be a string");
    }
}
