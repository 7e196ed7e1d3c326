package buildsys.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import buildsys.manifest.ExternalFile;
import buildsys.manifest.Sha512;
import common.ErrorCategory;
import common.TwoliterException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SourceFetcherTest {
    private static final String NAME = "hello-2.10.tar.gz";
    private static final byte[] HELLO = "GNU hello, pretending to be a tarball\n".repeat(5000)
            .getBytes(StandardCharsets.UTF_8);
    private static final Sha512 HELLO_SHA = sha512(HELLO);
    private static final String UPSTREAM_PATH = "/gnu/hello/" + NAME;
    private static final String LOOKASIDE_PATH = "/cache/" + NAME + "/" + HELLO_SHA.hex() + "/" + NAME;

    @TempDir
    Path tmp;

    private FakeServer server;
    private Path packageDir;
    private Path repositoryCache;

    @BeforeEach
    void setUp() throws IOException {
        server = new FakeServer();
        packageDir = Files.createDirectories(tmp.resolve("project/packages/gnu-hello"));
        Files.writeString(packageDir.resolve("gnu-hello.spec"), "Name: gnu-hello\n");
        repositoryCache = tmp.resolve("repository-cache");
    }

    @AfterEach
    void tearDown() {
        server.close();
    }

    @Test
    void fetchAll_lookasideHit_cachesFileAndLeavesPackageDirAlone() throws Exception {
        server.serve(LOOKASIDE_PATH, HELLO);
        Map<String, String> before = snapshot(packageDir);

        List<Fetched> fetched = fetcher(false, false).fetchAll(List.of(need(packageDir, hello(false))));

        assertThat(fetched).singleElement().satisfies(f -> {
            assertThat(f.origin()).isEqualTo(FetchOrigin.LOOKASIDE);
            assertThat(f.path()).isEqualTo(repositoryCache.resolve("sha512").resolve(HELLO_SHA.hex()));
            assertThat(f.path()).hasBinaryContent(HELLO);
        });
        assertThat(server.requests(LOOKASIDE_PATH)).isEqualTo(1);
        assertThat(server.requests(UPSTREAM_PATH)).isZero();
        assertThat(server.userAgents()).containsOnly("twoliter-jvm/1.2.3 (+buildsys)");
        assertThat(snapshot(packageDir)).isEqualTo(before);
        assertThat(cacheFiles()).containsExactly("sha512/" + HELLO_SHA.hex());
    }

    @Test
    void fetchAll_lookasideMissingWithoutFallback_failsNamingEveryPlaceAndSkipsUpstream() {
        server.serve(UPSTREAM_PATH, HELLO);

        TwoliterException e = fetchFails(fetcher(false, false), need(packageDir, hello(false)));

        assertThat(e.category()).isEqualTo(ErrorCategory.FAILURE);
        assertThat(e).hasMessage("external file 'hello-2.10.tar.gz' of //packages/gnu-hello could not be fetched:"
                + " tried the repository cache, packages/gnu-hello, the lookaside '" + server.uri(LOOKASIDE_PATH)
                + "' (404 Not Found); upstream fallback is off: pass --upstream-source-fallback or set"
                + " BUILDSYS_UPSTREAM_SOURCE_FALLBACK=true to fetch '" + server.uri(UPSTREAM_PATH) + "'");
        assertThat(server.requests(LOOKASIDE_PATH)).isEqualTo(1);
        assertThat(server.requests(UPSTREAM_PATH)).isZero();
        assertThat(cacheFiles()).isEmpty();
    }

    @Test
    void fetchAll_lookasideMissingWithFallback_fetchesUpstream() throws Exception {
        server.serve(UPSTREAM_PATH, HELLO);

        List<Fetched> fetched = fetcher(true, false).fetchAll(List.of(need(packageDir, hello(false))));

        assertThat(fetched).singleElement().extracting(Fetched::origin).isEqualTo(FetchOrigin.UPSTREAM);
        assertThat(fetched.get(0).path()).hasBinaryContent(HELLO);
        assertThat(server.requests(LOOKASIDE_PATH)).isEqualTo(1);
        assertThat(server.requests(UPSTREAM_PATH)).isEqualTo(1);
    }

    @Test
    void fetchAll_forceUpstreamWithFallbackOff_triesLookasideThenUpstream() throws Exception {
        server.serve(UPSTREAM_PATH, HELLO);

        List<Fetched> fetched = fetcher(false, false).fetchAll(List.of(need(packageDir, hello(true))));

        assertThat(fetched).singleElement().extracting(Fetched::origin).isEqualTo(FetchOrigin.UPSTREAM);
        assertThat(server.requests(LOOKASIDE_PATH)).isEqualTo(1);
        assertThat(server.requests(UPSTREAM_PATH)).isEqualTo(1);
    }

    @Test
    void fetchAll_wrongBytesFromLookasideWithoutFallback_failsAndCachesNothing() {
        byte[] wrong = "not hello".getBytes(StandardCharsets.UTF_8);
        server.serve(LOOKASIDE_PATH, wrong).serve(UPSTREAM_PATH, HELLO);

        TwoliterException e = fetchFails(fetcher(false, false), need(packageDir, hello(false)));

        assertThat(e.category()).isEqualTo(ErrorCategory.FAILURE);
        assertThat(e).hasMessageContaining("the lookaside '" + server.uri(LOOKASIDE_PATH) + "' (served a file that"
                        + " has sha512 '" + sha512(wrong).hex().substring(0, 16) + "…', expected '"
                        + HELLO_SHA.hex().substring(0, 16) + "…')")
                .hasMessageContaining("upstream fallback is off");
        assertThat(server.requests(UPSTREAM_PATH)).isZero();
        assertThat(cacheFiles()).isEmpty();
    }

    @Test
    void fetchAll_wrongBytesFromLookasideWithFallback_fetchesUpstream() throws Exception {
        server.serve(LOOKASIDE_PATH, "not hello".getBytes(StandardCharsets.UTF_8)).serve(UPSTREAM_PATH, HELLO);

        List<Fetched> fetched = fetcher(true, false).fetchAll(List.of(need(packageDir, hello(false))));

        assertThat(fetched).singleElement().extracting(Fetched::origin).isEqualTo(FetchOrigin.UPSTREAM);
        assertThat(cacheFiles()).containsExactly("sha512/" + HELLO_SHA.hex());
    }

    @Test
    void fetchAll_wrongBytesFromUpstream_namesUrlAndBothDigests() {
        byte[] changed = "hello 2.10, re-rolled".getBytes(StandardCharsets.UTF_8);
        server.serve(UPSTREAM_PATH, changed);

        TwoliterException e = fetchFails(fetcher(true, false), need(packageDir, hello(false)));

        assertThat(e).hasMessage("external file 'hello-2.10.tar.gz' of //packages/gnu-hello from '"
                + server.uri(UPSTREAM_PATH) + "' has sha512 '" + sha512(changed).hex().substring(0, 16)
                + "…', expected '" + HELLO_SHA.hex().substring(0, 16) + "…'; the upstream file changed or the"
                + " manifest is wrong");
        assertThat(cacheFiles()).isEmpty();
    }

    @Test
    void fetchAll_upstreamFailing_listsEveryPlaceWithItsReason() {
        server.status(UPSTREAM_PATH, 503);

        TwoliterException e = fetchFails(fetcher(true, false), need(packageDir, hello(false)));

        assertThat(e).hasMessage("external file 'hello-2.10.tar.gz' of //packages/gnu-hello could not be fetched:"
                + " tried the repository cache, packages/gnu-hello, the lookaside '" + server.uri(LOOKASIDE_PATH)
                + "' (404 Not Found), upstream '" + server.uri(UPSTREAM_PATH) + "' (503 Service Unavailable);"
                + " check the network and the URLs, or put the file into a directory passed with --distdir");
    }

    @Test
    void fetchAll_lookasideRedirectingToFile_fallsThroughToUpstream() throws Exception {
        server.redirect(LOOKASIDE_PATH, "file:///etc/passwd").serve(UPSTREAM_PATH, HELLO);

        List<Fetched> fetched = fetcher(true, false).fetchAll(List.of(need(packageDir, hello(false))));

        assertThat(fetched).singleElement().extracting(Fetched::origin).isEqualTo(FetchOrigin.UPSTREAM);
        assertThat(fetched.get(0).path()).hasBinaryContent(HELLO);
    }

    @Test
    void fetchAll_upstreamRedirectingToFile_failsNamingTheFileUrlAndTarget() {
        server.redirect(UPSTREAM_PATH, "file:///etc/passwd");

        TwoliterException e = fetchFails(fetcher(true, false), need(packageDir, hello(false)));

        assertThat(e.category()).isEqualTo(ErrorCategory.FAILURE);
        assertThat(e).hasMessageContaining("external file 'hello-2.10.tar.gz' of //packages/gnu-hello could not be"
                        + " fetched")
                .hasMessageContaining("upstream '" + server.uri(UPSTREAM_PATH) + "' ('" + server.uri(UPSTREAM_PATH)
                        + "' redirected to 'file:///etc/passwd', which is not http or https; refused, nothing was"
                        + " read)");
        assertThat(cacheFiles()).isEmpty();
    }

    @Test
    void fetchAll_lookasideUnreachable_failsNamingTheHostNotABareIoError() throws Exception {
        FakeServer stopped = new FakeServer();
        stopped.close();
        FetchSettings settings = new FetchSettings(stopped.uri("/cache"), false, false, List.of(), repositoryCache);

        TwoliterException e = fetchFails(new SourceFetcher(settings, transport()), need(packageDir, hello(false)));

        assertThat(e.category()).isEqualTo(ErrorCategory.FAILURE);
        assertThat(e).hasMessageContaining("could not be fetched")
                .hasMessageContaining("the lookaside '" + stopped.uri(LOOKASIDE_PATH) + "' (cannot reach '127.0.0.1:"
                        + stopped.uri("/").getPort() + "': connection refused or host unreachable (ConnectException))");
    }

    @Test
    void fetchAll_offlineWithEmptyCache_listsEveryMissingFileWithoutRequests() throws IOException {
        Path other = Files.createDirectories(tmp.resolve("project/packages/libfoo"));
        byte[] foo = "foo".getBytes(StandardCharsets.UTF_8);
        ExternalFile fooFile = file("https://example.com/foo-1.0.tar.xz", foo, false);
        server.serve(LOOKASIDE_PATH, HELLO);

        TwoliterException e = fetchFails(fetcher(true, true),
                need(packageDir, hello(false)), new FileNeed("//packages/libfoo", other, fooFile));

        assertThat(e.category()).isEqualTo(ErrorCategory.BAD_INPUT);
        assertThat(e).hasMessage("--offline: 2 external files are not in the repository cache '"
                + repositoryCache.resolve("sha512") + "', beside their spec or in a --distdir: 'hello-2.10.tar.gz' of"
                + " //packages/gnu-hello (sha512 " + HELLO_SHA.hex().substring(0, 16) + "…), 'foo-1.0.tar.xz' of"
                + " //packages/libfoo (sha512 " + sha512(foo).hex().substring(0, 16) + "…); run once without"
                + " --offline to fetch them, pass --distdir DIR with a directory holding them, or --vendor-dir DIR"
                + " with a directory that 'twoliter vendor' filled");
        assertThat(server.totalRequests()).isZero();
    }

    @Test
    void fetchAll_offlineWithCorruptDistdirFile_saysHashMismatchWithPathAndBothDigests() throws IOException {
        // given: a vendor directory's files/ whose copy of the file has other bytes
        Path distdir = Files.createDirectories(tmp.resolve("vendor/files"));
        byte[] corrupt = "GNU hello, damaged".getBytes(StandardCharsets.UTF_8);
        Files.write(distdir.resolve(NAME), corrupt);
        FetchSettings offline = new FetchSettings(server.uri("/cache"), false, true, List.of(distdir),
                repositoryCache);

        TwoliterException e = fetchFails(new SourceFetcher(offline, transport()), need(packageDir, hello(false)));

        assertThat(e.category()).isEqualTo(ErrorCategory.BAD_INPUT);
        assertThat(e).hasMessageContaining("'hello-2.10.tar.gz' of //packages/gnu-hello (sha512 "
                + HELLO_SHA.hex().substring(0, 16) + "…; hash mismatch: '" + distdir.resolve(NAME) + "' has sha512 '"
                + sha512(corrupt).hex().substring(0, 16) + "…', expected '" + HELLO_SHA.hex().substring(0, 16)
                + "…')")
                .hasMessageContaining("replace or delete the damaged file");
        assertThat(server.totalRequests()).isZero();
        assertThat(distdir.resolve(NAME)).hasBinaryContent(corrupt);
    }

    @Test
    void fetchAll_offline_usesCacheAndDistdirInInputOrder() throws Exception {
        server.serve(LOOKASIDE_PATH, HELLO);
        fetcher(false, false).fetchAll(List.of(need(packageDir, hello(false))));
        Path distdir = Files.createDirectories(tmp.resolve("distdir"));
        byte[] foo = "foo".getBytes(StandardCharsets.UTF_8);
        Files.write(distdir.resolve("foo-1.0.tar.xz"), foo);
        FileNeed fooNeed = need(packageDir, file("https://example.com/foo-1.0.tar.xz", foo, false));
        FetchSettings offline = new FetchSettings(server.uri("/cache"), false, true, List.of(distdir),
                repositoryCache);

        List<Fetched> fetched = new SourceFetcher(offline, transport())
                .fetchAll(List.of(fooNeed, need(packageDir, hello(false))));

        assertThat(fetched).extracting(Fetched::origin)
                .containsExactly(FetchOrigin.DISTDIR, FetchOrigin.REPOSITORY_CACHE);
        assertThat(fetched.get(0).path()).hasBinaryContent(foo);
        assertThat(server.totalRequests()).isEqualTo(1);
    }

    @Test
    void fetchAll_secondFetchFromAnotherProject_usesRepositoryCacheWithoutRequests() throws Exception {
        server.serve(LOOKASIDE_PATH, HELLO);
        fetcher(false, false).fetchAll(List.of(need(packageDir, hello(false))));
        Path otherProject = Files.createDirectories(tmp.resolve("other-project/packages/gnu-hello"));

        List<Fetched> fetched = fetcher(false, false).fetchAll(List.of(need(otherProject, hello(false))));

        assertThat(fetched).singleElement().extracting(Fetched::origin).isEqualTo(FetchOrigin.REPOSITORY_CACHE);
        assertThat(server.totalRequests()).isEqualTo(1);
        assertThat(otherProject).isEmptyDirectory();
    }

    @Test
    void fetchAll_corruptCacheEntry_isDeletedAndFetchedAgain() throws Exception {
        Path entry = Files.createDirectories(repositoryCache.resolve("sha512")).resolve(HELLO_SHA.hex());
        Files.writeString(entry, "bit rot");
        server.serve(LOOKASIDE_PATH, HELLO);

        List<Fetched> fetched = fetcher(false, false).fetchAll(List.of(need(packageDir, hello(false))));

        assertThat(fetched).singleElement().extracting(Fetched::origin).isEqualTo(FetchOrigin.LOOKASIDE);
        assertThat(entry).hasBinaryContent(HELLO);
    }

    @Test
    void fetchAll_corruptCacheEntryOffline_isDeletedAndReportedMissing() throws IOException {
        Path entry = Files.createDirectories(repositoryCache.resolve("sha512")).resolve(HELLO_SHA.hex());
        Files.writeString(entry, "bit rot");

        TwoliterException e = fetchFails(fetcher(false, true), need(packageDir, hello(false)));

        assertThat(e).hasMessageContaining("'hello-2.10.tar.gz' of //packages/gnu-hello");
        assertThat(entry).doesNotExist();
    }

    @Test
    void fetchAll_correctFileBesideSpec_isCopiedWithoutRequests() throws Exception {
        Files.write(packageDir.resolve(NAME), HELLO);
        Map<String, String> before = snapshot(packageDir);

        List<Fetched> fetched = fetcher(false, false).fetchAll(List.of(need(packageDir, hello(false))));

        assertThat(fetched).singleElement().satisfies(f -> {
            assertThat(f.origin()).isEqualTo(FetchOrigin.PACKAGE_DIR);
            assertThat(f.path()).isEqualTo(repositoryCache.resolve("sha512").resolve(HELLO_SHA.hex()))
                    .hasBinaryContent(HELLO);
        });
        assertThat(server.totalRequests()).isZero();
        assertThat(snapshot(packageDir)).isEqualTo(before);
    }

    @Test
    void fetchAll_wrongFileBesideSpec_isLeftInPlaceAndFileIsFetched() throws Exception {
        Files.writeString(packageDir.resolve(NAME), "hello 2.9, renamed");
        Map<String, String> before = snapshot(packageDir);
        server.serve(LOOKASIDE_PATH, HELLO);

        List<Fetched> fetched = fetcher(false, false).fetchAll(List.of(need(packageDir, hello(false))));

        assertThat(fetched).singleElement().extracting(Fetched::origin).isEqualTo(FetchOrigin.LOOKASIDE);
        assertThat(snapshot(packageDir)).isEqualTo(before);
        assertThat(cacheFiles()).containsExactly("sha512/" + HELLO_SHA.hex());
    }

    @Test
    void fetchAll_wrongFileBesideSpecAndNoSource_saysWhatWasBesideTheSpec() throws IOException {
        byte[] stale = "hello 2.9".getBytes(StandardCharsets.UTF_8);
        Files.write(packageDir.resolve(NAME), stale);

        TwoliterException e = fetchFails(fetcher(false, false), need(packageDir, hello(false)));

        assertThat(e).hasMessageContaining("tried the repository cache, packages/gnu-hello (hash mismatch: '"
                + packageDir.resolve(NAME) + "' has sha512 '" + sha512(stale).hex().substring(0, 16) + "…', expected '"
                + HELLO_SHA.hex().substring(0, 16) + "…'), the lookaside");
    }

    @Test
    void fetchAll_fileInDistdir_isCopiedWithoutRequests() throws Exception {
        Path empty = Files.createDirectories(tmp.resolve("distdir-empty"));
        Path distdir = Files.createDirectories(tmp.resolve("distdir"));
        Files.write(distdir.resolve(NAME), HELLO);
        FetchSettings settings = new FetchSettings(server.uri("/cache"), false, false, List.of(empty, distdir),
                repositoryCache);
        Map<String, String> before = snapshot(distdir);

        List<Fetched> fetched = new SourceFetcher(settings, transport())
                .fetchAll(List.of(need(packageDir, hello(false))));

        assertThat(fetched).singleElement().extracting(Fetched::origin).isEqualTo(FetchOrigin.DISTDIR);
        assertThat(fetched.get(0).path()).hasBinaryContent(HELLO);
        assertThat(server.totalRequests()).isZero();
        assertThat(snapshot(distdir)).isEqualTo(before);
    }

    @Test
    void fetchAll_emptyFileWithEmptyInputSha512_verifies() throws Exception {
        // buildsys.md §11 case 11: sha512 of no bytes is cf83e135...927da3e.
        ExternalFile empty = file("https://example.com/empty.txt", new byte[0], false);
        assertThat(empty.sha512().hex()).startsWith("cf83e135").endsWith("927da3e");
        server.serve("/cache/empty.txt/" + empty.sha512().hex() + "/empty.txt", new byte[0]);
        Path other = Files.createDirectories(tmp.resolve("project/packages/beside"));
        Files.write(other.resolve("empty.txt"), new byte[0]);

        List<Fetched> fetched = fetcher(false, false).fetchAll(List.of(need(packageDir, empty)));
        Files.delete(fetched.get(0).path());
        List<Fetched> beside = fetcher(false, false).fetchAll(List.of(need(other, empty)));

        assertThat(fetched).singleElement().extracting(Fetched::origin).isEqualTo(FetchOrigin.LOOKASIDE);
        assertThat(beside).singleElement().extracting(Fetched::origin).isEqualTo(FetchOrigin.PACKAGE_DIR);
        assertThat(beside.get(0).path()).isEmptyFile();
    }

    @Test
    void fetchAll_concurrentRunsFetchingTheSameFile_allSucceed() throws Exception {
        server.serve(LOOKASIDE_PATH, HELLO);
        int runs = 8;
        ExecutorService pool = Executors.newFixedThreadPool(runs);
        List<Future<List<Fetched>>> results = new ArrayList<>();
        try {
            for (int i = 0; i < runs; i++) {
                Path dir = Files.createDirectories(tmp.resolve("project-" + i + "/packages/gnu-hello"));
                Callable<List<Fetched>> run = () -> fetcher(false, false).fetchAll(List.of(need(dir, hello(false))));
                results.add(pool.submit(run));
            }
            for (Future<List<Fetched>> result : results) {
                assertThat(result.get().get(0).path()).hasBinaryContent(HELLO);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(cacheFiles()).containsExactly("sha512/" + HELLO_SHA.hex());
    }

    private SourceFetcher fetcher(boolean fallback, boolean offline) {
        return new SourceFetcher(new FetchSettings(server.uri("/cache"), fallback, offline, List.of(),
                repositoryCache), transport());
    }

    private static Transport transport() {
        return new HttpTransport("1.2.3");
    }

    private static TwoliterException fetchFails(SourceFetcher fetcher, FileNeed... needs) {
        return catchThrowableOfType(TwoliterException.class, () -> fetcher.fetchAll(List.of(needs)));
    }

    private ExternalFile hello(boolean forceUpstream) {
        return new ExternalFile(server.uri(UPSTREAM_PATH).toString(), HELLO_SHA, NAME, forceUpstream, List.of(),
                Optional.empty(), Optional.empty());
    }

    private static ExternalFile file(String url, byte[] content, boolean forceUpstream) {
        String name = url.substring(url.lastIndexOf('/') + 1);
        return new ExternalFile(url, sha512(content), name, forceUpstream, List.of(), Optional.empty(),
                Optional.empty());
    }

    private static FileNeed need(Path packageDir, ExternalFile file) {
        return new FileNeed("//packages/" + packageDir.getFileName(), packageDir, file);
    }

    /** Every file under the repository cache, temp files included, relative and sorted. */
    private List<String> cacheFiles() {
        if (!Files.exists(repositoryCache)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(repositoryCache)) {
            return files.filter(Files::isRegularFile).map(p -> repositoryCache.relativize(p).toString()).sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Each file of {@code dir} with its digest and mtime, to prove nothing there changed. */
    private static Map<String, String> snapshot(Path dir) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.toList()) {
                String state = Files.isRegularFile(p)
                        ? sha512(Files.readAllBytes(p)).hex() + "@" + Files.getLastModifiedTime(p)
                        : "dir";
                files.put(dir.relativize(p).toString(), state);
            }
        }
        return files;
    }

    static Sha512 sha512(byte[] content) {
        try {
            return new Sha512(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-512").digest(content)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
