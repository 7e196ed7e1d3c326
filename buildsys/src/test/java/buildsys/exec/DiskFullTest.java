package buildsys.exec;

import static org.assertj.core.api.Assertions.assertThat;

import common.ErrorCategory;
import common.TwoliterException;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A full disk, simulated with the exceptions the JDK throws (ENOSPC), named by file and by which disk. */
class DiskFullTest {
    private static final Path CACHE = Path.of("/home/u/.cache/twoliter");
    private static final Path BUILD = Path.of("/work/project/build");
    private static final String WHAT = "package //packages/libhello (x86_64)";

    @Test
    void explain_cacheRootFull_namesTheFileTheCacheRootAndHowToMoveIt() {
        IOException full = new FileSystemException(CACHE + "/cas/.put.123.tmp", null, "No space left on device");

        assertThat(DiskFull.explain(full, WHAT, CACHE, BUILD)).hasValue(WHAT + " failed: the disk is full (No space"
                + " left on device) writing '/home/u/.cache/twoliter/cas/.put.123.tmp' in the cache root"
                + " '/home/u/.cache/twoliter'; free space there, or point TWOLITER_CACHE_DIR (or --cache-dir) at a"
                + " larger file system. Cached results stay valid: run the build again once there is room");
    }

    @Test
    void explain_buildDirFullUnderAStepsOwnError_namesTheBuildDirectory() {
        IOException full = new FileSystemException(BUILD + "/tmp/ab12-7/output/x.rpm", null,
                "No space left on device");
        TwoliterException step = new TwoliterException(ErrorCategory.FAILURE, "build failed: " + full.getMessage(),
                full);

        Optional<String> message = DiskFull.explain(step, WHAT, CACHE, BUILD);

        assertThat(message).get().asString().contains("writing '/work/project/build/tmp/ab12-7/output/x.rpm' in the"
                + " project's build directory '/work/project/build'").contains("twoliter build clean");
    }

    @Test
    void explain_fullDiskWithoutAPath_namesBothCandidates() {
        Optional<String> message = DiskFull.explain(new IOException("No space left on device"), WHAT, CACHE, BUILD);

        assertThat(message).get().asString().contains("the cache root '/home/u/.cache/twoliter' or the project's"
                + " build directory '/work/project/build'");
    }

    @Test
    void explain_quotaExceeded_isAFullDiskToo() {
        IOException quota = new FileSystemException(CACHE + "/ac/x.json", null, "Disk quota exceeded");

        assertThat(DiskFull.explain(quota, WHAT, CACHE, BUILD)).get().asString().contains("(Disk quota exceeded)");
    }

    @Test
    void explain_otherFailuresAndTheEnginesOwnDisk_areLeftAsTheyAre() {
        assertThat(DiskFull.explain(new IOException("Permission denied"), WHAT, CACHE, BUILD)).isEmpty();
        // Docker's message about /var/lib/docker: not our disks, and not an IOException.
        assertThat(DiskFull.explain(new RuntimeException("write /var/lib/docker/x: no space left on device"), WHAT,
                CACHE, BUILD)).isEmpty();
    }
}
