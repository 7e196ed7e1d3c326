package buildsys.exec;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import common.TwoliterException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PackageStepTest {
    @TempDir
    Path out;

    @Test
    void requireOnlyRpms_rpmsSideBySide_areTheOutput() throws IOException {
        Files.writeString(out.resolve("bottlerocket-a-1.0-1.x86_64.rpm"), "rpm");
        Files.writeString(out.resolve("bottlerocket-a-devel-1.0-1.x86_64.rpm"), "rpm");

        assertThatCode(() -> PackageStep.requireOnlyRpms(out, "package a (x86_64)")).doesNotThrowAnyException();
    }

    @Test
    void requireOnlyRpms_rpmInASubdirectory_isRefused() throws IOException {
        Files.writeString(out.resolve("bottlerocket-a-1.0-1.x86_64.rpm"), "rpm");
        Files.createDirectories(out.resolve("sub"));
        Files.writeString(out.resolve("sub/evil.rpm"), "planted");

        assertThatThrownBy(() -> PackageStep.requireOnlyRpms(out, "package a (x86_64)"))
                .isInstanceOf(TwoliterException.class)
                .hasMessageStartingWith("package a (x86_64) left 'sub' in its output, which holds only the RPMs"
                        + " rpmbuild wrote");
    }

    @Test
    void requireOnlyRpms_linkOrOtherFile_isRefused() throws IOException {
        Files.createSymbolicLink(out.resolve("shadow.rpm"), Path.of("/etc/shadow"));

        assertThatThrownBy(() -> PackageStep.requireOnlyRpms(out, "package a (x86_64)"))
                .hasMessageContaining("left 'shadow.rpm'");

        Files.delete(out.resolve("shadow.rpm"));
        Files.writeString(out.resolve("notes.txt"), "x");

        assertThatThrownBy(() -> PackageStep.requireOnlyRpms(out, "package a (x86_64)"))
                .hasMessageContaining("left 'notes.txt'");
    }
}
