package buildsys.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import buildsys.manifest.Label;
import common.TwoliterException;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TargetPatternsTest {
    private static final SortedSet<Label> UNIVERSE = new TreeSet<>(List.of(new Label("packages/glibc"),
            new Label("packages/kernel-6.1"), new Label("packages/kernel-6.1/extra"), new Label("kits/core-kit"),
            new Label("variants/aws-dev"), new Label("core", "packages/glibc"), new Label("core", "kits/core-kit")));

    private static List<String> eval(String workingDir, String... patterns) throws TwoliterException {
        return TargetPatterns.evaluate(TargetPatterns.parseAll(List.of(patterns), workingDir), UNIVERSE).stream()
                .map(Label::toString).toList();
    }

    @Test
    void label_matchesExactlyOneTarget() throws TwoliterException {
        assertThat(eval("", "//packages/glibc")).containsExactly("//packages/glibc");
    }

    @Test
    void recursive_matchesEverythingBeneath() throws TwoliterException {
        assertThat(eval("", "//packages/...")).containsExactly("//packages/glibc", "//packages/kernel-6.1",
                "//packages/kernel-6.1/extra");
        assertThat(eval("", "//...")).hasSize(5);
    }

    @Test
    void repositoryPatterns_matchOnlyInTheirRepository_andPlainOnesOnlyInTheMainProject() throws TwoliterException {
        assertThat(eval("", "@core//...")).containsExactly("@core//kits/core-kit", "@core//packages/glibc");
        assertThat(eval("", "@core//packages/glibc")).containsExactly("@core//packages/glibc");
        assertThat(eval("", "@core//kits/core-kit:all")).containsExactly("@core//kits/core-kit");
        assertThat(eval("", "//packages/glibc")).containsExactly("//packages/glibc");
        assertThat(eval("packages", "...")).doesNotContain("@core//packages/glibc");
        assertThat(eval("", "//...", "@core//...", "-@core//kits/...")).last().isEqualTo("@core//packages/glibc");
        assertThat(Label.parse("@core//packages/glibc")).isEqualTo(new Label("core", "packages/glibc"));
    }

    @Test
    void all_matchesOnlyThatDirectory() throws TwoliterException {
        assertThat(eval("", "//packages/kernel-6.1:all")).containsExactly("//packages/kernel-6.1");
        assertThat(eval("", "//kits/core-kit:*")).containsExactly("//kits/core-kit");
    }

    @Test
    void relativePatterns_startAtTheWorkingDirectory() throws TwoliterException {
        assertThat(eval("packages", "glibc")).containsExactly("//packages/glibc");
        assertThat(eval("packages", "...")).hasSize(3);
        assertThat(eval("packages/kernel-6.1", ":all")).containsExactly("//packages/kernel-6.1");
        assertThat(eval("", "kits/core-kit")).containsExactly("//kits/core-kit");
    }

    @Test
    void negativePatterns_subtractInOrder() throws TwoliterException {
        assertThat(eval("", "//...", "-//packages/kernel-6.1/...")).containsExactly("//kits/core-kit",
                "//packages/glibc", "//variants/aws-dev");
        assertThat(eval("", "-//packages/...", "//packages/glibc")).containsExactly("//packages/glibc");
    }

    @ParameterizedTest
    @ValueSource(strings = {"//packages/../x", "//packages//glibc", "//packages/.../glibc", "//packages:glibc",
            "/abs/path", "//pack ages", "//./x", "//", "@core", "@//x", "@co re//x", "@core/x"})
    void invalidPatterns_areQuotedWithTheRule(String pattern) {
        assertThatThrownBy(() -> TargetPatterns.parse(pattern, ""))
                .isInstanceOf(TwoliterException.class)
                .hasMessageStartingWith("invalid target pattern '" + pattern + "'")
                .hasMessageContaining(TargetPatterns.RULE);
    }

    @Test
    void unknownLabel_suggestsTheClosestTarget() {
        assertThatThrownBy(() -> eval("", "//packages/glibcc"))
                .hasMessage("no target '//packages/glibcc' (from '//packages/glibcc'): a target is a directory"
                        + " holding a workspace Cargo.toml; did you mean '//packages/glibc'? List the targets with"
                        + " 'twoliter query //...'.");
    }

    @Test
    void unknownLabelOfARepository_saysHowToListThatRepository() {
        assertThatThrownBy(() -> eval("", "@core//packages/glibcc")).hasMessageContaining("did you mean"
                + " '@core//packages/glibc'? List the targets with 'twoliter query @core//...'.");
        assertThatThrownBy(() -> eval("", "@kore//...")).hasMessage("pattern '@kore//...' matches no target; list"
                + " the targets with 'twoliter query @kore//...'");
    }

    @Test
    void recursivePatternMatchingNothing_isAnError() {
        assertThatThrownBy(() -> eval("", "//sources/...")).hasMessageContaining("pattern '//sources/...' matches"
                + " no target");
    }
}
