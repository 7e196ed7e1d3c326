package oci;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ChallengeTest {
    @Test
    void parse_bearer_readsQuotedParams() {
        Challenge c = Challenge.parse("Bearer realm=\"https://auth.docker.io/token\",service=\"registry.docker.io\","
                + "scope=\"repository:library/debian:pull,push\"").orElseThrow();

        assertThat(c.scheme()).isEqualTo("bearer");
        assertThat(c.params()).isEqualTo(Map.of("realm", "https://auth.docker.io/token",
                "service", "registry.docker.io", "scope", "repository:library/debian:pull,push"));
    }

    @Test
    void parse_basicWithUnquotedAndSpaces_readsParams() {
        Challenge c = Challenge.parse("Basic realm=registry, charset = \"UTF-8\"").orElseThrow();

        assertThat(c.scheme()).isEqualTo("basic");
        assertThat(c.param("realm")).contains("registry");
        assertThat(c.param("charset")).contains("UTF-8");
    }

    @Test
    void parse_escapedQuote_isUnescaped() {
        assertThat(Challenge.parse("Bearer realm=\"a\\\"b\"").orElseThrow().param("realm")).contains("a\"b");
    }

    @Test
    void parse_schemeOnlyOrBlank() {
        assertThat(Challenge.parse("Bearer").orElseThrow().params()).isEmpty();
        assertThat(Challenge.parse("  ")).isEmpty();
        assertThat(Challenge.parse(null)).isEmpty();
    }
}
