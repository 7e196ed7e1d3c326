package buildsys.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContentStoreTest {
    @TempDir
    Path root;
    @TempDir
    Path work;

    @Test
    void putThenMaterialize_roundTripsContentAndExecutableBit() throws Exception {
        // given
        ContentStore store = new ContentStore(root);
        Path script = write(work.resolve("run.sh"), "#!/bin/sh\necho hi\n");
        FileModes.set(script, true);
        Path plain = write(work.resolve("notes.txt"), "notes");

        // when
        OutputFile scriptOut = store.put(script, "bin/run.sh");
        OutputFile plainOut = store.put(plain, "notes.txt");
        store.materialize(scriptOut, work.resolve("out/bin/run.sh"));
        store.materialize(plainOut, work.resolve("out/notes.txt"));

        // then
        assertThat(scriptOut).isEqualTo(new OutputFile("bin/run.sh", sha256("#!/bin/sh\necho hi\n"), 18, true));
        assertThat(plainOut.executable()).isFalse();
        assertThat(root.resolve("cas").resolve(scriptOut.sha256().substring(0, 2)).resolve(scriptOut.sha256()))
                .hasContent("#!/bin/sh\necho hi\n");
        assertThat(work.resolve("out/bin/run.sh")).hasContent("#!/bin/sh\necho hi\n");
        assertThat(FileModes.isExecutable(work.resolve("out/bin/run.sh"))).isTrue();
        assertThat(FileModes.isExecutable(work.resolve("out/notes.txt"))).isFalse();
        assertThat(store.contains(plainOut.sha256(), 5)).isTrue();
        assertThat(store.contains(plainOut.sha256(), 6)).isFalse();
        assertThat(tempFilesUnder(work.resolve("out"))).isEmpty();
    }

    @Test
    void put_sameFileTwice_isIdempotent() throws Exception {
        ContentStore store = new ContentStore(root);
        Path file = write(work.resolve("a.rpm"), "rpm bytes");

        OutputFile first = store.put(file, "a.rpm");
        OutputFile second = store.put(file, "a.rpm");

        assertThat(second).isEqualTo(first);
        assertThat(store.contains(first.sha256(), first.size())).isTrue();
        assertThat(tempFilesUnder(root)).isEmpty();
    }

    @Test
    void put_fromManyThreadsAtOnce_allSucceed() throws Exception {
        ContentStore store = new ContentStore(root);
        Path file = write(work.resolve("big.rpm"), "x".repeat(1 << 20));
        int threads = 8;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<OutputFile>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                Callable<OutputFile> put = () -> {
                    start.await();
                    return store.put(file, "big.rpm");
                };
                results.add(pool.submit(put));
            }
            start.countDown();
            for (Future<OutputFile> result : results) {
                assertThat(result.get()).isEqualTo(new OutputFile("big.rpm", sha256("x".repeat(1 << 20)), 1 << 20,
                        false));
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(store.contains(sha256("x".repeat(1 << 20)), 1 << 20)).isTrue();
        assertThat(tempFilesUnder(root)).isEmpty();
    }

    @Test
    void materialize_flippedObjectBytes_throwsAndRemovesTheObject() throws Exception {
        // given
        ContentStore store = new ContentStore(root);
        OutputFile out = store.put(write(work.resolve("a.rpm"), "good bytes"), "a.rpm");
        Path object = store.objectPath(out.sha256());
        byte[] bytes = Files.readAllBytes(object);
        bytes[0] ^= 0x01;
        Files.write(object, bytes);

        // when / then
        assertThatThrownBy(() -> store.materialize(out, work.resolve("out/a.rpm")))
                .isInstanceOf(CorruptObjectException.class)
                .hasMessageContaining("for output 'a.rpm' has sha256 '" + sha256("food bytes") + "'")
                .hasMessageContaining("the object was removed");
        assertThat(object).doesNotExist();
        assertThat(work.resolve("out/a.rpm")).doesNotExist();
        assertThat(tempFilesUnder(work.resolve("out"))).isEmpty();
    }

    @Test
    void materialize_missingObject_throwsCorruptObjectException() throws Exception {
        ContentStore store = new ContentStore(root);
        OutputFile out = store.put(write(work.resolve("a.rpm"), "bytes"), "a.rpm");
        Files.delete(store.objectPath(out.sha256()));

        assertThatThrownBy(() -> store.materialize(out, work.resolve("out/a.rpm")))
                .isInstanceOf(CorruptObjectException.class).hasMessageContaining("is missing");
    }

    @Test
    void put_rejectsPathsOutsideTheOutputRoot() throws IOException {
        ContentStore store = new ContentStore(root);
        Path file = write(work.resolve("a"), "a");

        assertThatThrownBy(() -> store.put(file, "../a")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'../a'");
    }

    @Test
    void tempFileOfAKilledPut_isNotAnObjectAndIsRemovedWhenStale() throws Exception {
        // given: what a put killed mid-copy leaves behind
        ContentStore store = new ContentStore(root);
        Path stale = write(root.resolve("cas/.put.123.tmp"), "half an rp");
        Path fresh = write(root.resolve("cas/.put.456.tmp"), "half an rp");
        Instant now = Instant.now();
        Files.setLastModifiedTime(stale, FileTime.from(now.minus(Duration.ofDays(2))));
        Files.setLastModifiedTime(fresh, FileTime.from(now.minus(Duration.ofHours(1))));

        // when
        int removed = store.removeStaleTempFiles(Clock.fixed(now, ZoneOffset.UTC));

        // then
        assertThat(store.contains(sha256("half an rp"), 10)).isFalse();
        assertThat(removed).isEqualTo(1);
        assertThat(stale).doesNotExist();
        assertThat(fresh).exists();
    }

    static Path write(Path file, String content) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.writeString(file, content);
    }

    static String sha256(String content) {
        return HexFormat.of().formatHex(Sha256.newDigest().digest(content.getBytes(StandardCharsets.UTF_8)));
    }

    static List<Path> tempFilesUnder(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(TempFiles::isTemp).toList();
        }
    }
}
