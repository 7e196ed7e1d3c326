package buildsys.cache;

import static buildsys.cache.ContentStoreTest.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputMaterializerTest {
    @TempDir
    Path root;
    @TempDir
    Path work;

    private ContentStore store;
    private OutputMaterializer materializer;
    private Path target;

    @BeforeEach
    void setUp() {
        store = new ContentStore(root);
        materializer = new OutputMaterializer(store);
        target = work.resolve("build/rpms/libhello");
    }

    @Test
    void materialize_writesEveryOutputAndAManifest() throws Exception {
        materializer.materialize(result("a.rpm=1", "debug/a-debuginfo.rpm=2"), target);

        assertThat(target.resolve("a.rpm")).hasContent("1");
        assertThat(target.resolve("debug/a-debuginfo.rpm")).hasContent("2");
        assertThat(Files.readAllLines(target.resolve(".twoliter-outputs")))
                .endsWith("a.rpm", "debug/a-debuginfo.rpm");
    }

    @Test
    void materialize_again_leavesUntouchedOutputsInPlace_andRestoresEditedOnes() throws Exception {
        materializer.materialize(result("a.rpm=1", "b.rpm=2"), target);
        Object inode = Files.getAttribute(target.resolve("a.rpm"), "unix:ino");
        write(target.resolve("b.rpm"), "X");
        Files.setLastModifiedTime(target.resolve("b.rpm"), java.nio.file.attribute.FileTime.fromMillis(1_000));

        materializer.materialize(result("a.rpm=1", "b.rpm=2"), target);

        assertThat(Files.getAttribute(target.resolve("a.rpm"), "unix:ino")).as("not copied again").isEqualTo(inode);
        assertThat(target.resolve("b.rpm")).hasContent("2");
    }

    @Test
    void materialize_removesOutputsOfThePreviousRunNoLongerProduced_andLeavesOtherFiles() throws Exception {
        // given
        materializer.materialize(result("a.rpm=1", "b.rpm=1", "debug/b-debuginfo.rpm=1"), target);
        write(target.resolve("notes.txt"), "mine");
        write(target.resolve("keep/mine.rpm"), "mine");

        // when
        materializer.materialize(result("a.rpm=2"), target);

        // then
        assertThat(target.resolve("a.rpm")).hasContent("2");
        assertThat(target.resolve("b.rpm")).doesNotExist();
        assertThat(target.resolve("debug")).doesNotExist();
        assertThat(target.resolve("notes.txt")).hasContent("mine");
        assertThat(target.resolve("keep/mine.rpm")).hasContent("mine");
        assertThat(Files.readAllLines(target.resolve(".twoliter-outputs"))).endsWith("a.rpm").doesNotContain("b.rpm");
    }

    @Test
    void materialize_ownersSharingADirectory_keepEachOthersFiles() throws Exception {
        materializer.materialize(result("a.x86_64.rpm=1"), target, "x86_64");
        materializer.materialize(result("a.aarch64.rpm=1"), target, "aarch64");
        materializer.materialize(result("b.x86_64.rpm=1"), target, "x86_64");

        assertThat(target.resolve("a.aarch64.rpm")).exists();
        assertThat(target.resolve("b.x86_64.rpm")).exists();
        assertThat(target.resolve("a.x86_64.rpm")).doesNotExist();
    }

    @Test
    void materialize_tamperedManifest_neverDeletesOutsideTheDirectory() throws Exception {
        Path outside = write(work.resolve("build/rpms/precious.rpm"), "precious");
        write(target.resolve(".twoliter-outputs"), "../precious.rpm\n/etc/passwd\na.rpm\n");

        materializer.materialize(result("b.rpm=1"), target);

        assertThat(outside).hasContent("precious");
        assertThat(Files.readAllLines(target.resolve(".twoliter-outputs"))).endsWith("b.rpm");
    }

    /** An action result whose outputs are "path=content" pairs, put into the store. */
    private ActionResult result(String... outputs) throws IOException {
        List<OutputFile> files = new ArrayList<>();
        for (String output : outputs) {
            String[] parts = output.split("=", 2);
            Path source = write(Files.createTempDirectory(work, "src").resolve("f"), parts[1]);
            files.add(store.put(source, parts[0]));
        }
        return new ActionResult(files);
    }
}
