package buildsys.cache;

import static buildsys.cache.ContentStoreTest.sha256;
import static buildsys.cache.ContentStoreTest.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ActionCacheTest {
    private static final String KEY = sha256("package //packages/libhello x86_64");

    @TempDir
    Path root;
    @TempDir
    Path work;

    private ContentStore store;
    private ActionCache cache;
    private ActionResult result;

    @BeforeEach
    void recordOneAction() throws IOException {
        store = new ContentStore(root);
        cache = new ActionCache(root, store);
        OutputFile rpm = store.put(write(work.resolve("libhello.rpm"), "rpm"), "libhello-1.0.x86_64.rpm");
        OutputFile devel = store.put(write(work.resolve("devel.rpm"), "devel rpm"), "libhello-devel.rpm");
        TreeMap<String, String> metadata = new TreeMap<>();
        metadata.put("sdkImageId", "sha256:" + "a".repeat(64));
        result = new ActionResult(List.of(rpm, devel), metadata);
    }

    @Test
    void lookup_afterRecord_hits() throws IOException {
        cache.record(KEY, result);

        assertThat(cache.lookup(KEY)).isEqualTo(new CacheResult.Hit(result));
        assertThat(entry()).exists();
        assertThat(entry().getParent().getFileName()).hasToString(KEY.substring(0, 2));
    }

    @Test
    void lookup_unknownKey_missesAsNotCached() {
        assertThat(cache.lookup(sha256("other"))).isEqualTo(new CacheResult.Miss("not cached"));
    }

    @Test
    void lookup_truncatedEntry_missesAsCorruptAndDeletesIt() throws IOException {
        cache.record(KEY, result);
        byte[] json = Files.readAllBytes(entry());
        Files.write(entry(), Arrays.copyOf(json, json.length / 2));

        assertThat(cache.lookup(KEY)).isInstanceOfSatisfying(CacheResult.Miss.class,
                miss -> assertThat(miss.reason()).startsWith("corrupt entry: unparsable JSON"));
        assertThat(entry()).doesNotExist();
        assertThat(cache.lookup(KEY)).isEqualTo(new CacheResult.Miss("not cached"));
    }

    @Test
    void lookup_emptyOrMistypedEntry_missesAsCorrupt() throws IOException {
        List<String> reasons = new ArrayList<>();
        for (String json : List.of("", "[]", "{\"format\":1}", "{} {}",
                "{\"format\":1,\"actionKey\":\"" + KEY + "\",\"outputs\":[{\"path\":\"a\"}],\"metadata\":{}}")) {
            write(entry(), json);
            reasons.add(((CacheResult.Miss) cache.lookup(KEY)).reason());
            assertThat(entry()).doesNotExist();
        }
        assertThat(reasons).containsExactly("corrupt entry: empty file", "corrupt entry: not a JSON object",
                "corrupt entry: 'actionKey' is missing or not a string",
                reasons.get(3), "corrupt entry: 'outputs[0].size' is missing or not an integer");
        assertThat(reasons.get(3)).startsWith("corrupt entry: unparsable JSON");
    }

    @Test
    void lookup_outputObjectDeleted_missesAndNamesTheOutput() throws IOException {
        cache.record(KEY, result);
        store.remove(sha256("devel rpm"));

        assertThat(cache.lookup(KEY))
                .isEqualTo(new CacheResult.Miss("output 'libhello-devel.rpm' missing from the content store"));
        assertThat(entry()).doesNotExist();
    }

    @Test
    void lookup_outputObjectOfWrongSize_misses() throws IOException {
        cache.record(KEY, result);
        Files.writeString(store.objectPath(sha256("rpm")), "rpm plus more");

        assertThat(cache.lookup(KEY)).isEqualTo(new CacheResult.Miss(
                "output 'libhello-1.0.x86_64.rpm' has 13 bytes in the content store, expected 3"));
        assertThat(store.objectPath(sha256("rpm"))).doesNotExist();
    }

    @Test
    void lookup_entryWithOutputPathLeavingTheRoot_missesAsCorrupt() throws IOException {
        write(entry(), "{\"format\":1,\"actionKey\":\"" + KEY + "\",\"outputs\":[{\"path\":\"../x\",\"sha256\":\""
                + sha256("rpm") + "\",\"size\":3,\"executable\":false}],\"metadata\":{}}");

        assertThat(cache.lookup(KEY)).isInstanceOfSatisfying(CacheResult.Miss.class,
                miss -> assertThat(miss.reason()).startsWith("corrupt entry: output path '../x' must be relative"));
        assertThat(entry()).doesNotExist();
    }

    @Test
    void lookup_entryOfAnotherFormat_missesAndKeepsIt() throws IOException {
        write(entry(), "{\"format\":2}");

        assertThat(cache.lookup(KEY))
                .isEqualTo(new CacheResult.Miss("entry has format 2, this twoliter reads format 1"));
        assertThat(entry()).exists();
    }

    @Test
    void lookup_tempEntryOfAKilledRecord_isNotSeen() throws IOException {
        // given: what AtomicFiles leaves behind when killed between writing and renaming
        byte[] json = EntryCodec.encode(KEY, result);
        write(entry().resolveSibling("." + KEY + ".json.8812734.tmp"), new String(json, 0, json.length / 2,
                java.nio.charset.StandardCharsets.UTF_8));

        assertThat(cache.lookup(KEY)).isEqualTo(new CacheResult.Miss("not cached"));
    }

    @Test
    void record_outputNotInTheStore_isRefused() {
        ActionResult unstored = new ActionResult(List.of(new OutputFile("x.rpm", sha256("never put"), 9, false)));

        assertThatThrownBy(() -> cache.record(KEY, unstored)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("output 'x.rpm'");
        assertThat(entry()).doesNotExist();
    }

    @Test
    void record_fromManyThreadsAtOnce_allSucceed() throws Exception {
        List<CompletableFuture<Void>> writes = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            writes.add(CompletableFuture.runAsync(() -> {
                try {
                    cache.record(KEY, result);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }));
        }
        CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).get();

        assertThat(cache.lookup(KEY)).isEqualTo(new CacheResult.Hit(result));
        assertThat(ContentStoreTest.tempFilesUnder(root.resolve("ac"))).isEmpty();
    }

    private Path entry() {
        return cache.entryPath(KEY);
    }
}
