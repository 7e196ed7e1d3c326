package buildsys.cache;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HashingCopyTest {
    @TempDir
    Path dir;

    @Test
    void copy_targetOnAFullDevice_failureNamesTheTarget() throws Exception {
        // /dev/full fails every write with ENOSPC, as a full file system does, without root or a mount.
        Path full = Path.of("/dev/full");
        assumeTrue(Files.isWritable(full), "no /dev/full here");
        Path source = Files.write(dir.resolve("rpm"), new byte[4096]);

        assertThatThrownBy(() -> HashingCopy.copy(source, full)).isInstanceOf(FileSystemException.class)
                .hasMessage("/dev/full: No space left on device");
    }
}
