package common;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
    @TempDir
    Path dir;

    @Test
    void write_replacesContentAndLeavesNoTemporaryFile() throws IOException {
        Path target = dir.resolve("sub/events.json");
        AtomicFiles.write(target, "one".getBytes(StandardCharsets.UTF_8));
        AtomicFiles.write(target, "two".getBytes(StandardCharsets.UTF_8));

        assertThat(target).hasContent("two");
        try (Stream<Path> files = Files.list(target.getParent())) {
            assertThat(files).containsExactly(target);
        }
    }

    @Test
    void write_isWorldReadableByDefault_andPrivateWhenAsked() throws IOException {
        Path shared = dir.resolve("amis.json");
        Path key = dir.resolve("default.pem");

        AtomicFiles.write(shared, "{}".getBytes(StandardCharsets.UTF_8));
        AtomicFiles.write(key, "secret".getBytes(StandardCharsets.UTF_8), AtomicFiles.PRIVATE);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(shared))).isEqualTo("rw-r--r--");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
    }
}
