package common;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class NamesTest {
    @Test
    void closest_findsTyposButNotStrangers() {
        List<String> tasks = List.of("repo", "ami", "build", "build-kit");

        assertThat(Names.closest("repoo", tasks)).contains("repo");
        assertThat(Names.closest("biuld", tasks)).contains("build");
        assertThat(Names.closest("kubernetes", tasks)).isEmpty();
    }

    @Test
    void withHint_formsOneMessage() {
        assertThat(Names.withHint("task 'repoo' not found", "repoo", List.of("repo"), "List them."))
                .isEqualTo("task 'repoo' not found; did you mean 'repo'? List them.");
        assertThat(Names.withHint("task 'zzz' not found", "zzz", List.of("repo"), "List them."))
                .isEqualTo("task 'zzz' not found. List them.");
    }

    @Test
    void distance_isLevenshtein() {
        assertThat(Names.distance("kitten", "sitting")).isEqualTo(3);
        assertThat(Names.distance("", "abc")).isEqualTo(3);
    }
}
