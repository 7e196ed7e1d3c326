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
    void nearest_givesAtMostMaxPlausibleNames_nearestFirst() {
        List<String> names = List.of("kubelet-1.28", "kubelet-1.29", "kubelet-1.29", "kubelet-1.30", "kube-proxy-1.29",
                "kernel-6.1");

        assertThat(Names.nearest("kubelet-1.3", names, 5)).containsExactly("kubelet-1.30", "kubelet-1.28",
                "kubelet-1.29");
        assertThat(Names.nearest("kubelet-1.3", names, 2)).containsExactly("kubelet-1.30", "kubelet-1.28");
        assertThat(Names.nearest("zzz", names, 5)).isEmpty();
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
