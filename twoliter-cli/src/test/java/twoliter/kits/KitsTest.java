package twoliter.kits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import common.Arch;
import common.TwoliterException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import twoliter.project.Project;
import twoliter.project.ProjectLoader;
import twoliter.project.TwoliterLock;

class KitsTest {
    private static final String SDK = "{\"name\":\"bottlerocket-sdk\",\"vendor\":\"acme\",\"version\":\"0.46.0\"}";
    private static final String CORE = "{\"name\":\"core-kit\",\"vendor\":\"acme\",\"version\":\"2.0.0\"}";
    private static final byte[] CORE_LAYER = TestKitImage.tar(ordered("Packages/", "",
            "Packages/libhello/", "", "Packages/libhello/bottlerocket-libhello-1.0-1.x86_64.rpm", "rpm bytes"));
    private static final byte[] REPODATA = TestKitImage.tar(ordered("repodata/", "", "repodata/repomd.xml", "<repomd/>"));

    @TempDir
    Path dir;
    private final FakeImageSources registry = new FakeImageSources();
    private final List<KitEvent> events = new ArrayList<>();

    @BeforeEach
    void registry() {
        registry.put("r.example/acme/bottlerocket-sdk:v0.46.0", TestKitImage.of("unused", List.of()));
        registry.put("r.example/acme/core-kit:v2.0.0", TestKitImage.of(
                TestKitImage.label(TestKitImage.metadata("core-kit", "2.0.0", SDK, "[]")),
                List.of(CORE_LAYER, REPODATA)));
        registry.put("r.example/acme/extra-kit:v1.0.0", TestKitImage.of(
                TestKitImage.label(TestKitImage.metadata("extra-kit", "1.0.0", SDK, "[" + CORE + "]")),
                List.of(REPODATA)));
    }

    @Test
    void update_directAndTransitiveKits_lockedInResolutionOrderWithTheSdk() throws Exception {
        Project project = project(sdkToml() + kitToml("extra-kit", "1.0.0"));

        Kits.update(project, registry, events::add);

        String lock = Files.readString(dir.resolve("Twoliter.lock"));
        assertThat(lock).isEqualTo("schema-version = 1\n\n[sdk]\n" + table("bottlerocket-sdk", "0.46.0")
                + "\n[[kit]]\n" + table("extra-kit", "1.0.0") + "\n[[kit]]\n" + table("core-kit", "2.0.0"));
        assertThat(TwoliterLock.read(dir.resolve("Twoliter.lock")).kits()).hasSize(2);
        assertThat(events).contains(new KitEvent.LockWritten(dir.resolve("Twoliter.lock"), true));
    }

    @Test
    void update_sameLockTwice_leavesTheFileAlone() throws Exception {
        Project project = project(sdkToml() + kitToml("core-kit", "2.0.0"));
        Kits.update(project, registry, events::add);

        Kits.update(project, registry, events::add);

        assertThat(events).contains(new KitEvent.LockWritten(dir.resolve("Twoliter.lock"), false));
    }

    @Test
    void update_registryOverride_pullsFromTheMirrorAndKeepsTheSource() throws Exception {
        registry.put("mirror.example/x/core-kit:v2.0.0", registry.images.get("r.example/acme/core-kit:v2.0.0"));
        Files.writeString(dir.resolve("Twoliter.override"), "[acme.core-kit]\nregistry = \"mirror.example/x\"\n");
        Project project = project(sdkToml() + kitToml("core-kit", "2.0.0"));

        TwoliterLock lock = Kits.update(project, registry, events::add);

        assertThat(registry.opened).contains("mirror.example/x/core-kit:v2.0.0")
                .doesNotContain("r.example/acme/core-kit:v2.0.0");
        assertThat(lock.kits().get(0).source()).isEqualTo("r.example/acme/core-kit:v2.0.0");
        assertThat(events).anySatisfy(e -> assertThat(e.toString())
                .contains("core-kit-2.0.0@acme (overridden-to: mirror.example/x/core-kit:v2.0.0)"));
    }

    @Test
    void update_twoVersionsOfOneKit_failsNamingBoth() throws Exception {
        Project project = project(sdkToml() + kitToml("extra-kit", "1.0.0") + kitToml("core-kit", "3.0.0"));
        registry.put("r.example/acme/core-kit:v3.0.0", TestKitImage.of(
                TestKitImage.label(TestKitImage.metadata("core-kit", "3.0.0", SDK, "[]")), List.of()));

        assertThatThrownBy(() -> Kits.update(project, registry, events::add))
                .isInstanceOf(TwoliterException.class)
                .hasMessageContaining("multiple versions of the same kit: core-kit@acme")
                .hasMessageContaining("3.0.0 by Twoliter.toml").hasMessageContaining("2.0.0 by kit extra-kit-1.0.0@acme");
        assertThat(dir.resolve("Twoliter.lock")).doesNotExist();
    }

    @Test
    void update_labelsDifferBetweenArchitectures_fails() throws Exception {
        registry.put("r.example/acme/core-kit:v2.0.0", TestKitImage.of(Map.of(
                Arch.X86_64, TestKitImage.label(TestKitImage.metadata("core-kit", "2.0.0", SDK, "[]")),
                Arch.AARCH64, TestKitImage.label(TestKitImage.metadata("core-kit", "2.0.0", SDK, "[" + CORE + "]"))),
                List.of()));
        Project project = project(sdkToml() + kitToml("core-kit", "2.0.0"));

        assertThatThrownBy(() -> Kits.update(project, registry, events::add))
                .hasMessageContaining("different dev.bottlerocket.kit.v2 labels");
    }

    @Test
    void update_kitBuiltWithAnotherSdk_failsListingBoth() throws Exception {
        Project project = project("[sdk]\nname = \"bottlerocket-sdk\"\nversion = \"0.47.0\"\nvendor = \"acme\"\n"
                + kitToml("core-kit", "2.0.0"));

        assertThatThrownBy(() -> Kits.update(project, registry, events::add))
                .hasMessageContaining("cannot use more than one SDK")
                .hasMessageContaining("bottlerocket-sdk-0.47.0@acme (wanted by Twoliter.toml)")
                .hasMessageContaining("bottlerocket-sdk-0.46.0@acme (wanted by kit core-kit-2.0.0@acme)");
    }

    @Test
    void update_imageWithoutLabel_saysItIsNotAKit() throws Exception {
        registry.put("r.example/acme/core-kit:v2.0.0", TestKitImage.of(Map.of(Arch.X86_64, ""), List.of()));
        Project project = project(sdkToml() + kitToml("core-kit", "2.0.0"));

        assertThatThrownBy(() -> Kits.update(project, registry, events::add))
                .hasMessageContaining("r.example/acme/core-kit:v2.0.0");
    }

    @Test
    void update_inTreeSdkProjectWithoutKits_locksTheRecipeAndNoKits() throws Exception {
        Files.createDirectories(dir.resolve("sdk"));
        Files.writeString(dir.resolve("sdk/Dockerfile"), "FROM debian:bookworm\n");
        Project project = project("");

        TwoliterLock lock = Kits.update(project, registry, events::add);

        assertThat(lock.sdk()).isEqualTo(InTreeSdk.locked(dir));
        assertThat(lock.sdk().source()).isEqualTo("sdk/");
        assertThat(Files.readString(dir.resolve("Twoliter.lock"))).startsWith("schema-version = 1\nkit = []\n\n[sdk]\n"
                + "name = \"twoliter-sdk\"\nversion = \"0.0.0\"\nvendor = \"in-tree\"\nsource = \"sdk/\"\n");
        assertThat(registry.opened).isEmpty();
    }

    @Test
    void update_kitOfAnInTreeSdkWithAnotherRecipe_warnsAndKeepsThisProjectsRecipe() throws Exception {
        Files.createDirectories(dir.resolve("sdk"));
        Files.writeString(dir.resolve("sdk/Dockerfile"), "FROM debian:bookworm\n");
        String inTree = "{\"digest\":\"b3RoZXI=\",\"name\":\"twoliter-sdk\",\"source\":\"sdk/\",\"vendor\":\"in-tree\","
                + "\"version\":\"0.0.0\"}";
        registry.put("r.example/acme/core-kit:v2.0.0", TestKitImage.of(
                TestKitImage.label(TestKitImage.metadata("core-kit", "2.0.0", inTree, "[]")), List.of()));
        Project project = project(kitToml("core-kit", "2.0.0"));

        TwoliterLock lock = Kits.update(project, registry, events::add);

        assertThat(lock.sdk()).isEqualTo(InTreeSdk.locked(dir));
        assertThat(events).anySatisfy(e -> assertThat(e).isInstanceOf(KitEvent.Warning.class)
                .asString().contains("b3RoZXI="));
    }

    @Test
    void update_kitOfAnInTreeSdkInAProjectWithoutSdkDir_fails() throws Exception {
        String inTree = "{\"name\":\"twoliter-sdk\",\"source\":\"sdk/\",\"vendor\":\"in-tree\",\"version\":\"0.0.0\"}";
        registry.put("r.example/acme/core-kit:v2.0.0", TestKitImage.of(
                TestKitImage.label(TestKitImage.metadata("core-kit", "2.0.0", inTree, "[]")), List.of()));
        Project project = project(kitToml("core-kit", "2.0.0"));

        assertThatThrownBy(() -> Kits.update(project, registry, events::add))
                .hasMessageContaining("in-tree SDK").hasMessageContaining("no sdk/Dockerfile");
    }

    @Test
    void updateAndFetch_pathOverride_useTheLocalLayoutAndSaySo() throws Exception {
        Path layout = registry.images.get("r.example/acme/core-kit:v2.0.0").writeLayout(dir.resolve("local-kit"));
        Files.writeString(dir.resolve("Twoliter.override"), "[acme.core-kit]\npath = \"local-kit\"\n");
        Project project = project(sdkToml() + kitToml("core-kit", "2.0.0"));

        Kits.update(project, registry, events::add);
        Kits.fetch(ProjectLoader.load(dir.resolve("Twoliter.toml")), Arch.X86_64, registry, events::add);

        assertThat(registry.opened).containsOnly("r.example/acme/bottlerocket-sdk:v0.46.0");
        assertThat(events).anySatisfy(e -> assertThat(e.toString())
                .contains("core-kit-2.0.0@acme (overridden-to: " + layout + ")"));
        assertThat(dir.resolve("build/external-kits/acme/core-kit/x86_64/repodata/repomd.xml")).exists();
    }

    @Test
    void update_pathToAProjectDefiningTheKit_locksItAsBuiltFromSourceWithTheKitsThatProjectDeclares()
            throws Exception {
        // given: extra-kit's project, which takes core-kit from the registry and names another SDK
        Path source = dir.resolve("extra-kit-project");
        Files.createDirectories(source.resolve("kits/extra-kit"));
        Files.writeString(source.resolve("Twoliter.toml"), "schema-version = 1\nrelease-version = \"1.0.0\"\n\n"
                + "[vendor.acme]\nregistry = \"r.example/acme\"\n\n[sdk]\nname = \"bottlerocket-sdk\"\n"
                + "version = \"0.47.0\"\nvendor = \"acme\"\n\n" + kitToml("core-kit", "2.0.0"));
        Files.writeString(source.resolve("kits/extra-kit/Cargo.toml"), "[package]\nname = \"extra-kit\"\n\n"
                + "[package.metadata.build-kit]\nvendor = \"acme\"\n");
        Files.writeString(dir.resolve("Twoliter.override"), "[acme.extra-kit]\npath = \"extra-kit-project\"\n");
        Project project = project(sdkToml() + kitToml("extra-kit", "1.0.0"));

        TwoliterLock lock = Kits.update(project, registry, events::add);

        assertThat(lock.kits()).extracting(TwoliterLock.LockedImage::toString).containsExactly(
                "extra-kit-1.0.0@acme (r.example/acme/extra-kit:v1.0.0)", "core-kit-2.0.0@acme"
                        + " (r.example/acme/core-kit:v2.0.0)");
        assertThat(lock.kits().get(0).digest()).isEqualTo(TwoliterLock.BUILT_FROM_SOURCE);
        assertThat(registry.opened).doesNotContain("r.example/acme/extra-kit:v1.0.0");
        assertThat(events).anySatisfy(e -> assertThat(e.toString()).contains("with this project's SDK"
                + " bottlerocket-sdk-0.46.0@acme, not its own SDK bottlerocket-sdk-0.47.0@acme"));
    }

    @Test
    void fetch_unpacksLayersWritesDigestAndMetadata_thenSkipsWithoutTheRegistry() throws Exception {
        Project project = locked(sdkToml() + kitToml("core-kit", "2.0.0"));
        Path kitDir = dir.resolve("build/external-kits/acme/core-kit/x86_64");

        Kits.fetch(project, Arch.X86_64, registry, events::add);

        assertThat(kitDir.resolve("Packages/libhello/bottlerocket-libhello-1.0-1.x86_64.rpm")).hasContent("rpm bytes");
        assertThat(kitDir.resolve("repodata/repomd.xml")).hasContent("<repomd/>");
        assertThat(kitDir.resolve("digest")).hasContent(registry.images.get("r.example/acme/core-kit:v2.0.0")
                .manifestDigest(Arch.X86_64).toString());
        TwoliterLock lock = project.lock().orElseThrow();
        Path metadata = dir.resolve("build/external-kits/external-kit-metadata.json");
        assertThat(Files.readString(metadata)).isEqualTo("{\"kit\":[" + json(lock.kits().get(0)) + "],\"sdk\":"
                + json(lock.sdk()) + "}");
        long metadataTime = Files.getLastModifiedTime(metadata).toMillis();

        // when: again, with a registry that fails every request
        registry.opened.clear();
        registry.images.clear();
        Files.setLastModifiedTime(metadata, java.nio.file.attribute.FileTime.fromMillis(metadataTime - 10_000));
        Kits.fetch(project, Arch.X86_64, registry, events::add);

        // then: nothing opened, nothing rewritten
        assertThat(registry.opened).isEmpty();
        assertThat(Files.getLastModifiedTime(metadata).toMillis()).isEqualTo(metadataTime - 10_000);
        assertThat(events).anySatisfy(e -> assertThat(e).isInstanceOf(KitEvent.UpToDate.class));
    }

    @Test
    void fetch_imageChangedSinceUpdate_tellsToRunUpdate() throws Exception {
        Project project = locked(sdkToml() + kitToml("core-kit", "2.0.0"));
        registry.put("r.example/acme/core-kit:v2.0.0", TestKitImage.of(
                TestKitImage.label(TestKitImage.metadata("core-kit", "2.0.0", SDK, "[]")), List.of(REPODATA)));

        assertThatThrownBy(() -> Kits.fetch(project, Arch.X86_64, registry, events::add))
                .hasMessageContaining("run 'twoliter update'").hasMessageContaining("core-kit-2.0.0@acme");
        assertThat(dir.resolve("build/external-kits/acme")).doesNotExist();
    }

    @Test
    void fetch_layerWithDotDot_rejectedAndNothingWrittenOutside() throws Exception {
        byte[] evil = TestKitImage.tar(ordered("repodata/", "", "../evil", "gotcha"));
        registry.put("r.example/acme/core-kit:v2.0.0", TestKitImage.of(
                TestKitImage.label(TestKitImage.metadata("core-kit", "2.0.0", SDK, "[]")), List.of(REPODATA, evil)));
        Project project = locked(sdkToml() + kitToml("core-kit", "2.0.0"));

        assertThatThrownBy(() -> Kits.fetch(project, Arch.X86_64, registry, events::add))
                .isInstanceOf(TwoliterException.class).hasMessageContaining("'../evil'")
                .hasMessageContaining("nothing was installed");

        try (Stream<Path> all = Files.walk(dir)) {
            assertThat(all.filter(p -> p.getFileName().toString().equals("evil")).toList()).isEmpty();
        }
        try (Stream<Path> kit = Files.list(dir.resolve("build/external-kits/acme/core-kit"))) {
            assertThat(kit.toList()).isEmpty();
        }
    }

    @Test
    void fetch_linkLeavingTheKit_rejected() throws Exception {
        byte[] link = TestKitImage.tar(ordered("repodata/", "", "repodata/up->../../../../..", ""));
        registry.put("r.example/acme/core-kit:v2.0.0", TestKitImage.of(
                TestKitImage.label(TestKitImage.metadata("core-kit", "2.0.0", SDK, "[]")), List.of(link)));
        Project project = locked(sdkToml() + kitToml("core-kit", "2.0.0"));

        assertThatThrownBy(() -> Kits.fetch(project, Arch.X86_64, registry, events::add))
                .hasMessageContaining("'repodata/up'").hasMessageContaining("'../../../../..'");
        assertThat(dir.resolve("build/external-kits/acme/core-kit/x86_64")).doesNotExist();
    }

    @Test
    void fetch_deviceOrFifo_refusedNamingEntryAndLayer_andNothingInstalled() throws Exception {
        for (byte type : new byte[] {TarArchiveEntry.LF_CHR, TarArchiveEntry.LF_BLK, TarArchiveEntry.LF_FIFO}) {
            byte[] layer = TestKitImage.tarWithType("repodata/dev", type);
            registry.put("r.example/acme/core-kit:v2.0.0", TestKitImage.of(
                    TestKitImage.label(TestKitImage.metadata("core-kit", "2.0.0", SDK, "[]")), List.of(layer)));
            Project project = locked(sdkToml() + kitToml("core-kit", "2.0.0"));

            assertThatThrownBy(() -> Kits.fetch(project, Arch.X86_64, registry, events::add)).as("type %c", type)
                    .isInstanceOf(TwoliterException.class).hasMessageContaining("'repodata/dev' is a ")
                    .hasMessageMatching("(?s).*(character device|block device|fifo).*")
                    .hasMessageContaining("layer '" + oci.Digest.of(layer) + "' of kit core-kit-2.0.0@acme")
                    .hasMessageContaining("nothing was installed");
            try (Stream<Path> kit = Files.list(dir.resolve("build/external-kits/acme/core-kit"))) {
                assertThat(kit.toList()).as("no kit dir and no temporary sibling").isEmpty();
            }
        }
    }

    @Test
    void fetch_kitOverTheUnpackedSizeLimit_refusedNamingTheLimitAndNothingInstalled() throws Exception {
        byte[] big = TestKitImage.tar(ordered("repodata/", "", "repodata/big", "x".repeat(3000)));
        registry.put("r.example/acme/core-kit:v2.0.0", TestKitImage.of(
                TestKitImage.label(TestKitImage.metadata("core-kit", "2.0.0", SDK, "[]")), List.of(REPODATA, big)));
        Project project = locked(sdkToml() + kitToml("core-kit", "2.0.0"));

        UnpackLimits limits = new UnpackLimits(2048, 100);

        assertThatThrownBy(() -> Kits.fetch(project, Arch.X86_64, registry, limits, events::add))
                .isInstanceOf(TwoliterException.class)
                .hasMessageContaining("layer '" + oci.Digest.of(big) + "' of kit core-kit-2.0.0@acme")
                .hasMessageContaining("the kit unpacks to more than 2048 bytes (stopped in 'repodata/big')")
                .hasMessageContaining("set TWOLITER_MAX_KIT_UNPACKED_BYTES")
                .hasMessageContaining("nothing was installed");
        try (Stream<Path> kit = Files.list(dir.resolve("build/external-kits/acme/core-kit"))) {
            assertThat(kit.toList()).isEmpty();
        }
    }

    @Test
    void fetch_gzipLayer_unpacked() throws Exception {
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(REPODATA);
        }
        registry.put("r.example/acme/core-kit:v2.0.0", TestKitImage.of(
                TestKitImage.label(TestKitImage.metadata("core-kit", "2.0.0", SDK, "[]")), List.of(gz.toByteArray())));
        Project project = locked(sdkToml() + kitToml("core-kit", "2.0.0"));

        Kits.fetch(project, Arch.AARCH64, registry, events::add);

        assertThat(dir.resolve("build/external-kits/acme/core-kit/aarch64/repodata/repomd.xml")).hasContent("<repomd/>");
    }

    @Test
    void fetch_corruptCachedBlob_rejectedAndDropped() throws Exception {
        Project project = locked(sdkToml() + kitToml("core-kit", "2.0.0"));
        oci.Digest layer = oci.Digest.of(REPODATA);
        Path cached = dir.resolve("build/external-kits/cache/blobs/sha256").resolve(layer.hex());
        Files.createDirectories(cached.getParent());
        Files.writeString(cached, "tampered");

        assertThatThrownBy(() -> Kits.fetch(project, Arch.X86_64, registry, events::add))
                .hasMessageContaining("tampered with");
        assertThat(cached).doesNotExist();
        assertThat(dir.resolve("build/external-kits/acme/core-kit/x86_64")).doesNotExist();
    }

    @Test
    void fetch_noExternalKits_writesMetadataWithNoKits() throws Exception {
        Project project = locked(sdkToml());

        Kits.fetch(project, Arch.X86_64, registry, events::add);

        assertThat(Files.readString(dir.resolve("build/external-kits/external-kit-metadata.json")))
                .startsWith("{\"kit\":[],\"sdk\":{\"digest\":");
    }

    @Test
    void fetch_withoutLock_tellsToRunUpdate() throws Exception {
        Project project = project(sdkToml());

        assertThatThrownBy(() -> Kits.fetch(project, Arch.X86_64, registry, events::add))
                .hasMessageContaining("Twoliter.lock does not exist").hasMessageContaining("twoliter update");
    }

    @Test
    void fetch_kitAddedToTwoliterTomlAfterUpdate_tellsToRunUpdate() throws Exception {
        locked(sdkToml());
        Project project = project(sdkToml() + kitToml("core-kit", "2.0.0"));

        assertThatThrownBy(() -> Kits.fetch(project, Arch.X86_64, registry, events::add))
                .hasMessageContaining("kit core-kit-2.0.0@acme is not in it").hasMessageContaining("twoliter update");
        assertThat(registry.opened).doesNotContain("r.example/acme/core-kit:v2.0.0");
    }

    private Project project(String tables) throws Exception {
        Files.writeString(dir.resolve("Twoliter.toml"), "schema-version = 1\nrelease-version = \"1.0.0\"\n\n"
                + "[vendor.acme]\nregistry = \"r.example/acme\"\n\n" + tables);
        return ProjectLoader.load(dir.resolve("Twoliter.toml"));
    }

    private Project locked(String tables) throws Exception {
        project(tables);
        Kits.update(ProjectLoader.load(dir.resolve("Twoliter.toml")), registry, e -> { });
        return ProjectLoader.load(dir.resolve("Twoliter.toml"));
    }

    private static String sdkToml() {
        return "[sdk]\nname = \"bottlerocket-sdk\"\nversion = \"0.46.0\"\nvendor = \"acme\"\n\n";
    }

    private static String kitToml(String name, String version) {
        return "[[kit]]\nname = \"" + name + "\"\nversion = \"" + version + "\"\nvendor = \"acme\"\n\n";
    }

    private String table(String name, String version) throws Exception {
        String uri = "r.example/acme/" + name + ":v" + version;
        return "name = \"" + name + "\"\nversion = \"" + version + "\"\nvendor = \"acme\"\nsource = \"" + uri
                + "\"\ndigest = \"" + LockDigest.of(registry.images.get(uri).index(), uri) + "\"\n";
    }

    private static String json(TwoliterLock.LockedImage image) {
        return "{\"digest\":\"" + image.digest() + "\",\"name\":\"" + image.name() + "\",\"source\":\""
                + image.source() + "\",\"vendor\":\"" + image.vendor() + "\",\"version\":\"" + image.version() + "\"}";
    }

    private static Map<String, String> ordered(String... pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return map;
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
