package buildsys.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import common.TwoliterException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

    @Test
    void read_latin1ByteInChangelog_isReadAsRpmReadsIt(@TempDir Path dir) throws IOException, TwoliterException {
        // "Jos\xe9" is Latin-1: not valid UTF-8, which rpm accepts.
        Path file = dir.resolve("pkg.spec");
        Files.write(file, concat("Name: pkg\nVersion: 1.0\nSource1: a.txt\n%changelog\n* Jos".getBytes(
                StandardCharsets.US_ASCII), new byte[] {(byte) 0xe9}, "\n- Fix\n".getBytes(StandardCharsets.US_ASCII)));

        RpmSpec spec = RpmSpec.read(file, "pkg.spec");

        assertThat(spec.name()).contains("pkg");
        assertThat(spec.sources()).extracting(RpmSpec.Source::line).containsExactly(3);
    }

    @Test
    void lines_decodeUtf8WhereValidAndLatin1ElsewhereSplittingAsReadAllLines() {
        byte[] bytes = concat("caf\u00e9\r\n".getBytes(StandardCharsets.UTF_8), new byte[] {'x', (byte) 0xff},
                "\rlast".getBytes(StandardCharsets.UTF_8));

        assertThat(RpmSpec.lines(bytes)).containsExactly("caf\u00e9", "x\u00ff", "last");
        assertThat(RpmSpec.lines("a\n\nb\n".getBytes(StandardCharsets.UTF_8))).containsExactly("a", "", "b");
    }

    private static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
