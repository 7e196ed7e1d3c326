package twoliter.kits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import common.TwoliterException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafeUntarTest {
    private static final int MIB = 1 << 20;

    @TempDir
    Path dir;

    @Test
    void extract_gzipBombOverTheByteLimit_stopsNamingTheLimitAndTheVariable() throws IOException {
        byte[] bomb = gzip(tar(Map.of("repodata/zeros", 3 * MIB)));
        assertThat(bomb.length).isLessThan(64 * 1024);

        assertThatThrownBy(() -> SafeUntar.extract(new ByteArrayInputStream(bomb), dir,
                new UnpackLimits(MIB, 100).budget()))
                .isInstanceOf(UnpackLimits.LimitExceededException.class)
                .hasMessageContaining("more than 1048576 bytes (1 MiB)").hasMessageContaining("'repodata/zeros'")
                .hasMessageContaining("TWOLITER_MAX_KIT_UNPACKED_BYTES");
        assertThat(Files.size(dir.resolve("repodata/zeros"))).isLessThanOrEqualTo(MIB);
    }

    @Test
    void extract_moreEntriesThanTheLimit_stopsNamingTheVariable() {
        Map<String, Integer> files = new java.util.LinkedHashMap<>();
        for (int i = 0; i < 5; i++) {
            files.put("f" + i, 1);
        }

        assertThatThrownBy(() -> SafeUntar.extract(new ByteArrayInputStream(tar(files)), dir,
                new UnpackLimits(MIB, 3).budget()))
                .isInstanceOf(UnpackLimits.LimitExceededException.class)
                .hasMessageContaining("more than 3 entries (stopped at 'f3')")
                .hasMessageContaining("TWOLITER_MAX_KIT_ENTRIES");
    }

    @Test
    void extract_budgetSpansArchives_secondLayerGoesOver() throws IOException {
        UnpackLimits.Budget budget = new UnpackLimits(MIB, 100).budget();
        SafeUntar.extract(new ByteArrayInputStream(tar(Map.of("a", 600 * 1024))), dir, budget);

        assertThatThrownBy(() -> SafeUntar.extract(new ByteArrayInputStream(tar(Map.of("b", 600 * 1024))), dir,
                budget)).isInstanceOf(UnpackLimits.LimitExceededException.class).hasMessageContaining("'b'");
    }

    @Test
    void extract_hardLinksCountTheBytesTheyCopy() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
            put(tar, "big", 600 * 1024);
            TarArchiveEntry link = new TarArchiveEntry("copy", TarArchiveEntry.LF_LINK);
            link.setLinkName("big");
            tar.putArchiveEntry(link);
            tar.closeArchiveEntry();
        }

        assertThatThrownBy(() -> SafeUntar.extract(new ByteArrayInputStream(out.toByteArray()), dir,
                new UnpackLimits(MIB, 100).budget()))
                .isInstanceOf(UnpackLimits.LimitExceededException.class).hasMessageContaining("'copy'");
    }

    @Test
    void extract_withinTheLimits_unpacksEverything() throws IOException {
        SafeUntar.extract(new ByteArrayInputStream(tar(Map.of("a", MIB))), dir, new UnpackLimits(MIB, 1).budget());

        assertThat(dir.resolve("a")).hasSize(MIB);
    }

    @Test
    void fromEnvironment_unsetTakesTheDefaults_setValuesReplaceThem() throws TwoliterException {
        assertThat(UnpackLimits.fromEnvironment(Map.of())).isEqualTo(UnpackLimits.DEFAULT);
        assertThat(UnpackLimits.DEFAULT).isEqualTo(new UnpackLimits(16L << 30, 1_000_000));
        assertThat(UnpackLimits.fromEnvironment(Map.of("TWOLITER_MAX_KIT_UNPACKED_BYTES", "34359738368",
                "TWOLITER_MAX_KIT_ENTRIES", "5"))).isEqualTo(new UnpackLimits(32L << 30, 5));
    }

    @Test
    void fromEnvironment_notAPositiveNumber_namesTheVariableAndValue() {
        for (String value : new String[] {"16G", "-1", "0"}) {
            assertThatThrownBy(() -> UnpackLimits.fromEnvironment(Map.of("TWOLITER_MAX_KIT_UNPACKED_BYTES", value)))
                    .as(value).isInstanceOf(TwoliterException.class)
                    .hasMessageContaining("TWOLITER_MAX_KIT_UNPACKED_BYTES must be a positive whole number, got '"
                            + value + "'");
        }
    }

    /** A tar of files of the given sizes, all zeros. */
    private static byte[] tar(Map<String, Integer> files) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
            for (Map.Entry<String, Integer> file : files.entrySet()) {
                put(tar, file.getKey(), file.getValue());
            }
        }
        return out.toByteArray();
    }

    private static void put(TarArchiveOutputStream tar, String name, int size) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(name);
        entry.setSize(size);
        entry.setMode(0100644);
        tar.putArchiveEntry(entry);
        tar.write(new byte[size]);
        tar.closeArchiveEntry();
    }

    private static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        }
        return out.toByteArray();
    }
}
