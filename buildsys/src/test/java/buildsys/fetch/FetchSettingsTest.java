package buildsys.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import common.ErrorCategory;
import common.TwoliterException;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class FetchSettingsTest {
    @Test
    void parseLookaside_notAUrl_quotesTheValue() {
        assertThatThrownBy(() -> FetchSettings.parseLookaside("cache.example.com"))
                .isInstanceOfSatisfying(TwoliterException.class,
                        e -> assertThat(e.category()).isEqualTo(ErrorCategory.BAD_INPUT))
                .hasMessageStartingWith("BUILDSYS_LOOKASIDE_CACHE is 'cache.example.com', which is not an http(s) URL");
    }

    @Test
    void parseLookaside_httpsUrl_isAccepted() throws TwoliterException {
        assertThat(FetchSettings.parseLookaside("https://example.com/mirror/"))
                .isEqualTo(URI.create("https://example.com/mirror/"));
    }

    @Test
    void fallbackEnabled_onlyExactTrue() {
        // buildsys.md §11 case 9: "TRUE" is treated as false, as upstream compares the string exactly.
        assertThat(FetchSettings.fallbackEnabled("true")).isTrue();
        assertThat(FetchSettings.fallbackEnabled("TRUE")).isFalse();
        assertThat(FetchSettings.fallbackEnabled(null)).isFalse();
    }

    @Test
    void constructor_copiesDistdirsAndRejectsNonHttpLookaside() {
        assertThat(FetchSettings.defaults(Path.of("/c")).lookaside()).isEqualTo(FetchSettings.DEFAULT_LOOKASIDE);
        assertThatThrownBy(() -> new FetchSettings(URI.create("file:///x"), false, false, List.of(), Path.of("/c")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'file:///x'");
    }
}
