package pubsys.ssm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import common.ErrorCategory;
import common.TwoliterException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TemplateTest {
    static final Map<String, String> CONTEXT = Map.of("variant", "aws-k8s-1.24", "arch", "arm64",
            "image_version", "1.20.0-abc1234", "odd", "<a href=\"x\">Tom & Jerry's</a>");

    static String render(String text) throws TwoliterException {
        return Template.parse(text, "t.toml:1:1: 'parameter[0].name'").render(CONTEXT);
    }

    @Test
    void render_variablesWithAndWithoutSpaces_substituted() throws Exception {
        assertThat(render("{variant}/{ arch }/{  image_version}/image_id"))
                .isEqualTo("aws-k8s-1.24/arm64/1.20.0-abc1234/image_id");
    }

    @Test
    void render_specialCharacters_htmlEscapedAsTinytemplate() throws Exception {
        assertThat(render("{odd}")).isEqualTo("&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;");
    }

    @Test
    void render_unescapedFormatter_valueVerbatim() throws Exception {
        assertThat(render("{ odd | unescaped }")).isEqualTo(CONTEXT.get("odd"));
    }

    @Test
    void render_escapedBrace_literalBraceAndNoVariable() throws Exception {
        Template t = Template.parse("\\{variant} is {variant}, \\{ not a tag", "here");

        assertThat(t.render(CONTEXT)).isEqualTo("{variant} is aws-k8s-1.24, { not a tag");
        assertThat(t.variables()).containsExactly("variant");
    }

    @Test
    void render_closingBraceAndBackslashElsewhere_keptAsText() throws Exception {
        assertThat(render("a}b\\c\\")).isEqualTo("a}b\\c\\");
    }

    @Test
    void render_commentsAndTrimMarkers_likeTinytemplate() throws Exception {
        assertThat(render("a {# note #}b")).isEqualTo("a b");
        assertThat(render("a   {- variant -}   b")).isEqualTo("aaws-k8s-1.24b");
        assertThat(render("a  {#- note -#}  b")).isEqualTo("ab");
    }

    @Test
    void render_unknownVariable_errorNamesTemplateVariableAndChoices() {
        assertThatThrownBy(() -> render("{variant}/{image_id}"))
                .isInstanceOf(TwoliterException.class)
                .hasMessageContaining("t.toml:1:1: 'parameter[0].name'")
                .hasMessageContaining("'{variant}/{image_id}'")
                .hasMessageContaining("unknown variable 'image_id'")
                .hasMessageContaining("[arch, image_version, odd, variant]")
                .extracting(e -> ((TwoliterException) e).category()).isEqualTo(ErrorCategory.BAD_INPUT);
    }

    @Test
    void parse_block_rejectedWithHint() {
        assertThatThrownBy(() -> Template.parse("{{ if variant }}x{{ endif }}", "here"))
                .hasMessageContaining("here: template '{{ if variant }}x{{ endif }}'")
                .hasMessageContaining("not supported");
    }

    @Test
    void parse_unclosedTag_errorSaysHowToEscape() {
        assertThatThrownBy(() -> Template.parse("{variant\n}", "here"))
                .hasMessageContaining("no closing '}' on its line")
                .hasMessageContaining("'\\{'");
    }

    @Test
    void parse_unknownFormatter_rejected() {
        assertThatThrownBy(() -> Template.parse("{variant | upper}", "here"))
                .hasMessageContaining("unknown formatter 'upper'");
    }
}
