package common;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class PathErrorsTest {
    @Test
    void naming_bareWriteError_becomesAFileSystemExceptionForTheFile() {
        IOException bare = new IOException("No space left on device");

        IOException named = PathErrors.naming(Path.of("/cache/cas/.put.1.tmp"), bare);

        assertThat(named).isInstanceOf(FileSystemException.class).hasCause(bare)
                .hasMessage("/cache/cas/.put.1.tmp: No space left on device");
        assertThat(((FileSystemException) named).getReason()).isEqualTo("No space left on device");
    }

    @Test
    void naming_errorThatNamesItsFile_isKept() {
        IOException missing = new NoSuchFileException("/a");

        assertThat(PathErrors.naming(Path.of("/b"), missing)).isSameAs(missing);
    }
}
