package buildsys.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OutputFileTest {
    private static final String SHA = "0".repeat(64);

    @ParameterizedTest
    @ValueSource(strings = {"", "..", "../x", "a/../../x", "/etc/passwd", "a//b", "a/./b", "./a", "a/", "a\\b",
        "a\nb"})
    void constructor_pathNotRelativeAndNormalized_isRejected(String path) {
        assertThatThrownBy(() -> new OutputFile(path, SHA, 0, false)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("output path '" + path + "'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a.rpm", "debug/a..b.rpm", ".hidden", "x86_64/Packages/a-1.0-1.x86_64.rpm"})
    void constructor_relativeNormalizedPath_isAccepted(String path) {
        assertThat(new OutputFile(path, SHA, 1, true).path()).isEqualTo(path);
    }

    @Test
    void constructor_badDigest_isRejected() {
        assertThatThrownBy(() -> new OutputFile("a", "ABC", 0, false))
                .hasMessage("sha256 of output 'a' must be 64 lowercase hex digits, got 'ABC'");
    }

    @Test
    void actionResult_sortsOutputsAndRejectsClashes() {
        OutputFile b = new OutputFile("b", SHA, 0, false);
        OutputFile a = new OutputFile("a", SHA, 0, false);
        assertThat(new ActionResult(List.of(b, a)).outputs()).containsExactly(a, b);
        assertThat(new ActionResult(List.of(a), new TreeMap<>(Map.of("k", "v"))).metadata()).containsEntry("k", "v");

        assertThatThrownBy(() -> new ActionResult(List.of(a, a))).hasMessage("output 'a' is listed twice");
        assertThatThrownBy(() -> new ActionResult(List.of(a, new OutputFile("a/b", SHA, 0, false))))
                .hasMessage("output 'a' is a file, but output 'a/b' needs it to be a directory");
    }
}
