package buildsys.kits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import buildsys.TestProject;
import common.TwoliterException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KitRepodataTest {
    private static final String REPOMD = TestProject.read("kits/repodata/repomd.xml");
    private static final String PRIMARY = TestProject.read("kits/repodata/primary.xml");

    @TempDir
    Path dir;

    private void gzip(String path, String text) throws IOException {
        Files.createDirectories(dir.resolve(path).getParent());
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(dir.resolve(path)))) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void names_gzippedPrimary_givesPackageNamesAndProvides() throws Exception {
        new TestProject(dir).file("repodata/repomd.xml", REPOMD);
        gzip("repodata/2222-primary.xml.gz", PRIMARY);

        assertThat(KitRepodata.names(dir, "kit")).hasValueSatisfying(names -> assertThat(names).containsExactly(
                "bottlerocket-widget", "bottlerocket-widget(binaries)", "bottlerocket-gizmo-1.29",
                "bottlerocket-gizmo", "bottlerocket-widget-devel"));
    }

    @Test
    void names_uncompressedPrimary_isReadToo() throws TwoliterException {
        new TestProject(dir).file("repodata/repomd.xml", REPOMD.replace("2222-primary.xml.gz", "p.xml"))
                .file("repodata/p.xml", PRIMARY);

        assertThat(KitRepodata.names(dir, "kit").orElseThrow()).contains("bottlerocket-gizmo");
    }

    @Test
    void names_noRepomdOrAnotherCompression_isEmptyForTheDirectoryFallback() throws TwoliterException {
        assertThat(KitRepodata.names(dir, "kit")).isEmpty();

        new TestProject(dir).file("repodata/repomd.xml", REPOMD.replace("xml.gz", "xml.zst"));

        assertThat(KitRepodata.names(dir, "kit")).isEmpty();
    }

    @Test
    void names_locationOutsideTheKit_isRefused() {
        new TestProject(dir).file("repodata/repomd.xml", REPOMD.replace("repodata/2222", "../../2222"));

        assertThatThrownBy(() -> KitRepodata.names(dir, "build/external-kits/v/k/x86_64"))
                .hasMessageContaining("'build/external-kits/v/k/x86_64/repodata/repomd.xml' points outside the kit,"
                        + " at '../../2222-primary.xml.gz'");
    }

    @Test
    void names_externalEntity_isNotResolved() throws Exception {
        new TestProject(dir).file("secret", "bottlerocket-leaked").file("repodata/repomd.xml", REPOMD);
        gzip("repodata/2222-primary.xml.gz", "<?xml version=\"1.0\"?>\n<!DOCTYPE metadata [<!ENTITY x SYSTEM \"file://"
                + dir.resolve("secret") + "\">]>\n<metadata><package><name>&x;</name></package></metadata>");

        assertThatThrownBy(() -> KitRepodata.names(dir, "kit")).isInstanceOf(TwoliterException.class)
                .hasMessageContaining("cannot read the kit's repository metadata 'kit/repodata/2222-primary.xml.gz'")
                .hasMessageNotContaining("leaked");
    }

    @Test
    void names_truncatedPrimary_namesTheFile() throws Exception {
        new TestProject(dir).file("repodata/repomd.xml", REPOMD);
        gzip("repodata/2222-primary.xml.gz", PRIMARY.substring(0, 300));

        assertThatThrownBy(() -> KitRepodata.names(dir, "kit"))
                .hasMessageStartingWith("cannot read the kit's repository metadata 'kit/repodata/2222-primary.xml.gz'")
                .hasMessageEndingWith("delete its directory and run 'twoliter fetch' again");
    }
}
