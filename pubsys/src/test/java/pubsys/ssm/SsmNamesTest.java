package pubsys.ssm;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SsmNamesTest {
    // S2 (pubsys.md §16)
    @ParameterizedTest
    @CsvSource({"/a/,/b,/a/b", "/a/,b,/a/b", "/a,/b,/a/b", "/a,b,/a/b", "'',b,/b", "'',/b,/b"})
    void join_anySlashes_exactlyOneSlashBetween(String prefix, String suffix, String joined) {
        assertThat(SsmNames.join(prefix, suffix)).isEqualTo(joined);
    }
}
