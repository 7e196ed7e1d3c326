package buildsys.container;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafeTarExtractorTest {
    @TempDir
    Path dir;

    private static byte[] tar(String name, byte type) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            TarArchiveEntry entry = new TarArchiveEntry(name, type, true);
            if (type == TarArchiveEntry.LF_SYMLINK) {
                entry.setLinkName("/etc/passwd");
                tar.putArchiveEntry(entry);
            } else {
                byte[] content = "x".getBytes(StandardCharsets.UTF_8);
                entry.setSize(content.length);
                tar.putArchiveEntry(entry);
                tar.write(content);
            }
            tar.closeArchiveEntry();
        }
        return out.toByteArray();
    }

    private void extract(byte[] tar) throws IOException {
        SafeTarExtractor.extract(new ByteArrayInputStream(tar), dir.resolve("out"), 0);
    }

    @Test
    void extract_repeatedPathSegment_isAnOrdinaryFile() throws IOException {
        extract(tar("usr/lib/usr/lib/x", TarArchiveEntry.LF_NORMAL));

        assertThat(dir.resolve("out/usr/lib/usr/lib/x")).hasContent("x");
    }

    @Test
    void extract_escapingEntries_areRefusedAsIoErrors_andWriteNothingOutside() {
        for (String name : new String[] {"x/../../y", "../evil", "/etc/evil", "a/../../../evil"}) {
            assertThatThrownBy(() -> extract(tar(name, TarArchiveEntry.LF_NORMAL))).as(name)
                    .isInstanceOf(IOException.class).hasMessageContaining("would escape");
        }
        assertThat(dir.resolve("evil")).doesNotExist();
        assertThat(dir.resolve("y")).doesNotExist();
    }

    @Test
    void extract_symlink_isRefused() {
        assertThatThrownBy(() -> extract(tar("link", TarArchiveEntry.LF_SYMLINK))).isInstanceOf(IOException.class)
                .hasMessageContaining("is a link or special file");
        assertThat(Files.exists(dir.resolve("out/link"), LinkOption.NOFOLLOW_LINKS)).isFalse();
    }

    @Test
    void extract_deviceOrFifo_isRefusedAndNotCreated() {
        for (byte type : new byte[] {TarArchiveEntry.LF_CHR, TarArchiveEntry.LF_BLK, TarArchiveEntry.LF_FIFO}) {
            assertThatThrownBy(() -> extract(tar("dev", type))).as("type %c", type).isInstanceOf(IOException.class)
                    .hasMessageContaining("'dev'").hasMessageContaining("is a link or special file");
            assertThat(Files.exists(dir.resolve("out/dev"), LinkOption.NOFOLLOW_LINKS)).isFalse();
        }
    }
}
