package buildsys.exec;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StepContextTest {
    @TempDir
    Path dir;

    @Test
    void lastLines_logWithBytesThatAreNotUtf8_stillShowsItsTail() throws IOException {
        Path log = dir.resolve("x.log");
        Files.write(log, new byte[] {'o', 'n', 'e', '\n', 'J', 'o', 's', (byte) 0xe9, '\n', 'e', 'r', 'r', '\n'});

        assertThat(StepContext.lastLines(log, 2)).containsExactly("Jos\uFFFD", "err");
    }

    @Test
    void lastLines_missingLog_isEmpty() {
        assertThat(StepContext.lastLines(dir.resolve("none.log"), 25)).isEmpty();
    }
}
