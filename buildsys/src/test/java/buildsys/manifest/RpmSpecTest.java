package buildsys.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RpmSpecTest {
    @Test
    void parse_sourcesAndPatches_keepsLineNumbersAndClassifiesLocalFiles() {
        // buildsys.md §11 case 21, read the way rpm reads tags.
        RpmSpec spec = RpmSpec.parse(List.of(
                "Name: %{_cross_os}pkg-a",
                "Version: 1.2.3",
                "Source0: https://x/y.tar.gz",
                "Source1: %{name}.tar.gz",
                "Source100: pkg-a.txt",
                "Patch0001: 0001-fix.patch",
                "Source2:foo"), "pkg-a.spec");

        assertThat(spec.name()).contains("%{_cross_os}pkg-a");
        assertThat(spec.version()).contains("1.2.3");
        assertThat(spec.sources()).extracting(RpmSpec.Source::value)
                .containsExactly("https://x/y.tar.gz", "%{name}.tar.gz", "pkg-a.txt", "0001-fix.patch", "foo");
        assertThat(spec.sources().stream().filter(RpmSpec.Source::isLocalFile).map(RpmSpec.Source::value))
                .containsExactly("pkg-a.txt", "0001-fix.patch", "foo");
        assertThat(spec.sources().get(2).line()).isEqualTo(5);
        assertThat(spec.hasBuildRequires()).isFalse();
    }

    @Test
    void parse_buildRequires_isNoticedInAnyCase() {
        assertThat(RpmSpec.parse(List.of("Name: a", "buildrequires: %{_cross_os}glibc-devel"), "a.spec")
                .hasBuildRequires()).isTrue();
        assertThat(RpmSpec.parse(List.of("Name: a", "Requires: %{_cross_os}glibc"), "a.spec").hasBuildRequires())
                .isFalse();
    }
}
