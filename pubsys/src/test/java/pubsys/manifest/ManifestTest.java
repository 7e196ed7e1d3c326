package pubsys.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import common.TwoliterException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pubsys.policy.WavePolicy;

class ManifestTest {
    private static final Path MIGRATIONS = Path.of("src/test/resources/manifest/migrations.json");
    private static final Instant S = Instant.parse("2024-01-01T00:00:00Z");
    private static final String VARIANT = "aws-k8s-1.29";
    private static final String ARCH = "x86_64";

    private static Version v(String text) throws TwoliterException {
        return Version.parse(text);
    }

    private static Images images(String version) {
        return new Images("boot-" + version, "root-" + version, "hash-" + version);
    }

    private static Manifest add(Manifest manifest, String version) throws TwoliterException {
        return manifest.addUpdate(VARIANT, ARCH, v(version), images(version));
    }

    private static WavePolicy defaultWaves() throws TwoliterException {
        return WavePolicy.load(Path.of("../policies/waves/default-waves.toml"), "default-waves.toml");
    }

    // M1
    @Test
    void addUpdate_emptyManifest_oneUpdateWithOwnMaxAndNoWaves() throws TwoliterException {
        Manifest manifest = add(Manifest.empty(), "1.20.0");

        assertThat(manifest.updates()).singleElement().satisfies(u -> {
            assertThat(u.version()).isEqualTo(v("1.20.0"));
            assertThat(u.maxVersion()).isEqualTo(v("1.20.0"));
            assertThat(u.waves()).isEmpty();
        });
    }

    @Test
    void addUpdate_newerVersion_raisesMaxOfSameVariantAndArch() throws TwoliterException {
        Manifest manifest = add(add(Manifest.empty(), "1.19.0"), "1.20.0");

        assertThat(manifest.updates()).extracting(Update::maxVersion).containsExactly(v("1.20.0"), v("1.20.0"));
    }

    @Test
    void addUpdate_olderVersion_keepsFirstUpdatesMax() throws TwoliterException {
        Manifest manifest = add(add(Manifest.empty(), "1.20.0"), "1.18.0");

        assertThat(manifest.updates()).extracting(Update::version).containsExactly(v("1.20.0"), v("1.18.0"));
        assertThat(manifest.updates()).extracting(Update::maxVersion).containsExactly(v("1.20.0"), v("1.20.0"));
    }

    @Test
    void addUpdate_otherArch_leavesItsMaxButUsesFirstUpdate() throws TwoliterException {
        Manifest manifest = Manifest.empty().addUpdate(VARIANT, "aarch64", v("1.21.0"), images("a"));

        manifest = add(manifest, "1.20.0");

        // The first update's max (another arch) still wins, the upstream quirk.
        assertThat(manifest.updates()).extracting(Update::maxVersion).containsExactly(v("1.21.0"), v("1.21.0"));
        manifest = manifest.addUpdate(VARIANT, "aarch64", v("1.22.0"), images("b"));
        assertThat(manifest.updates()).extracting(Update::maxVersion)
                .containsExactly(v("1.22.0"), v("1.21.0"), v("1.22.0"));
    }

    // M2
    @Test
    void addUpdate_sameVersionTwice_appendsAndSetWavesRewritesBoth() throws TwoliterException {
        Manifest manifest = add(add(Manifest.empty(), "1.20.0"), "1.20.0");

        manifest = manifest.setWaves(new UpdateKey(VARIANT, ARCH, v("1.20.0")), S, defaultWaves());

        assertThat(manifest.updates()).hasSize(2);
        assertThat(manifest.updates().get(0).waves()).isEqualTo(manifest.updates().get(1).waves())
                .containsEntry(0, S.plus(Duration.ofHours(1))).containsEntry(1843, S.plus(Duration.ofDays(6)));
    }

    @Test
    void setWaves_otherVersion_untouched() throws TwoliterException {
        Manifest manifest = add(add(Manifest.empty(), "1.19.0"), "1.20.0");

        manifest = manifest.setWaves(new UpdateKey(VARIANT, ARCH, v("1.20.0")), S, defaultWaves());

        assertThat(manifest.updates().get(0).waves()).isEmpty();
        assertThat(manifest.updates().get(1).waves()).hasSize(7);
    }

    @Test
    void setWaves_otherUpdateOutOfOrder_errorNotOrdered() throws TwoliterException {
        Update broken = new Update(VARIANT, ARCH, v("1.19.0"), v("1.19.0"),
                new java.util.TreeMap<>(Map.of(0, S.plus(Duration.ofHours(2)), 20, S)), images("1.19.0"));
        Manifest manifest = add(new Manifest(List.of(broken), Map.of()), "1.20.0");

        assertThatThrownBy(() -> manifest.setWaves(new UpdateKey(VARIANT, ARCH, v("1.20.0")), S, defaultWaves()))
                .hasMessageStartingWith("Waves are not ordered; percentages and dates must be in ascending order");
    }

    // M3
    @Test
    void toJson_migrations_keysSortedAsStrings() throws TwoliterException {
        Map<MigrationKey, List<String>> migrations = new LinkedHashMap<>();
        migrations.put(MigrationKey.parse("(1.1.0, 1.2.0)"), List.of("c"));
        migrations.put(MigrationKey.parse("(1.0.0, 1.1.0)"), List.of("a"));
        migrations.put(MigrationKey.parse("(1.1.0, 1.10.0)"), List.of("b"));

        String json = new String(Manifest.empty().withMigrations(migrations).toJson(), StandardCharsets.UTF_8);

        assertThat(json).containsSubsequence("\"(1.0.0, 1.1.0)\"", "\"(1.1.0, 1.10.0)\"", "\"(1.1.0, 1.2.0)\"");
    }

    @Test
    void migrationKeyParse_noSpace_parses() throws TwoliterException {
        assertThat(MigrationKey.parse("(1.0.0,1.1.0)")).isEqualTo(new MigrationKey(v("1.0.0"), v("1.1.0")));
        assertThat(MigrationKey.parse("(1.0.0,1.1.0)").toString()).isEqualTo("(1.0.0, 1.1.0)");
    }

    @Test
    void migrationKeyParse_leadingV_errorCouldNotParse() {
        assertThatThrownBy(() -> MigrationKey.parse("(v1.0.0, 1.1.0)"))
                .hasMessageStartingWith("Could not parse OS versions from migration key '(v1.0.0, 1.1.0)'")
                .hasMessageContaining("'v1.0.0' is not a semantic version");
    }

    // M4
    @Test
    void load_unknownFieldsAndLenientDate_parses() throws TwoliterException {
        Manifest manifest = Manifest.load(MIGRATIONS, "migrations.json");

        assertThat(manifest.updates()).hasSize(2);
        assertThat(manifest.updates().get(0).waves()).containsExactly(
                Map.entry(0, Instant.parse("2019-08-06T15:00:00Z")),
                Map.entry(512, Instant.parse("2019-08-07T15:00:00.500Z")),
                Map.entry(1024, Instant.parse("2019-08-08T15:00:00Z")));
        assertThat(manifest.migrations()).hasSize(5);
    }

    @Test
    void save_loadedManifest_dropsUnknownFieldsAndRoundTrips(@TempDir Path dir) throws TwoliterException {
        Manifest manifest = Manifest.load(MIGRATIONS, "migrations.json");
        Path out = dir.resolve("manifest.json");

        manifest.save(out);

        assertThat(out).content().doesNotContain("status").doesNotContain("datastore_versions")
                .contains("\"0\": \"2019-08-06T15:00:00Z\"", "\"512\": \"2019-08-07T15:00:00.500Z\"",
                        "\"(1.5.0, 1.6.0)\"")
                .endsWith("}\n");
        assertThat(Manifest.load(out, "manifest.json")).isEqualTo(manifest);
    }

    @Test
    void toJson_oneUpdate_upstreamFieldOrderAndPrettyStyle() throws TwoliterException {
        Manifest manifest = add(Manifest.empty(), "1.20.0");

        assertThat(new String(manifest.toJson(), StandardCharsets.UTF_8)).isEqualTo("""
                {
                  "updates": [
                    {
                      "variant": "aws-k8s-1.29",
                      "arch": "x86_64",
                      "version": "1.20.0",
                      "max_version": "1.20.0",
                      "waves": {},
                      "images": {
                        "boot": "boot-1.20.0",
                        "root": "root-1.20.0",
                        "hash": "hash-1.20.0"
                      }
                    }
                  ],
                  "migrations": {}
                }
                """);
    }

    @Test
    void load_duplicateMigrationKey_error(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("dup.json");
        Files.writeString(file, "{\"updates\": [], \"migrations\": {\"(1.0.0, 1.1.0)\": [], \"(1.0.0,1.1.0)\": []}}");

        assertThatThrownBy(() -> Manifest.load(file, "dup.json"))
                .hasMessage("manifest 'dup.json': 'migrations' has the versions (1.0.0, 1.1.0) twice");
    }

    @Test
    void load_badSeedAndBadVersion_errorsNameField(@TempDir Path dir) throws Exception {
        Path seed = dir.resolve("seed.json");
        Files.writeString(seed, "{\"updates\": [{\"variant\": \"v\", \"arch\": \"x86_64\", \"version\": \"1.0.0\","
                + " \"max_version\": \"1.0.0\", \"waves\": {\"-1\": \"2024-01-01T00:00:00Z\"},"
                + " \"images\": {\"boot\": \"b\", \"root\": \"r\", \"hash\": \"h\"}}], \"migrations\": {}}");
        Path version = dir.resolve("version.json");
        Files.writeString(version, Files.readString(seed).replace("\"-1\"", "\"0\"").replace("\"1.0.0\",", "\"1.x\","));

        assertThatThrownBy(() -> Manifest.load(seed, "seed.json"))
                .hasMessageStartingWith("manifest 'seed.json': 'updates[0].waves' has the key '-1'");
        assertThatThrownBy(() -> Manifest.load(version, "version.json"))
                .hasMessageStartingWith("manifest 'version.json': 'updates[0].version' is invalid: '1.x'");
    }

    // M5
    @Test
    void findMigrations_upgrade_takesShortcut() throws TwoliterException {
        Manifest manifest = Manifest.load(MIGRATIONS, "migrations.json");

        assertThat(manifest.findMigrations(v("1.0.0"), v("1.5.0")))
                .containsExactly("migration_1.1.0_a", "migration_1.1.0_b", "migration_1.5.0_shortcut");
    }

    @Test
    void findMigrations_downgrade_reversesChain() throws TwoliterException {
        Manifest manifest = Manifest.load(MIGRATIONS, "migrations.json");

        assertThat(manifest.findMigrations(v("1.5.0"), v("1.0.0")))
                .containsExactly("migration_1.5.0_shortcut", "migration_1.1.0_b", "migration_1.1.0_a");
    }

    @Test
    void findMigrations_sameVersion_empty() throws TwoliterException {
        assertThat(Manifest.load(MIGRATIONS, "migrations.json").findMigrations(v("1.1.0"), v("1.1.0"))).isEmpty();
    }

    @Test
    void findMigrations_gapInChain_errorNamesVersions() throws TwoliterException {
        Manifest manifest = Manifest.load(MIGRATIONS, "migrations.json");

        assertThatThrownBy(() -> manifest.findMigrations(v("1.0.0"), v("1.4.0")))
                .hasMessageStartingWith("Reached end of migration chain at 1.3.0 but target is 1.4.0");
    }
}
