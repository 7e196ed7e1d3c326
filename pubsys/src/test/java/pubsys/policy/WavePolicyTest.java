package pubsys.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import common.TwoliterException;
import common.toml.TomlFile;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class WavePolicyTest {
    private static final Instant S = Instant.parse("2024-01-01T00:00:00Z");

    private static WavePolicy shipped(String name) throws TwoliterException {
        return WavePolicy.load(Path.of("../policies/waves/" + name), name);
    }

    private static Map<Integer, Instant> expected(Object... seedAndOffset) {
        Map<Integer, Instant> map = new LinkedHashMap<>();
        for (int i = 0; i < seedAndOffset.length; i += 2) {
            map.put((Integer) seedAndOffset[i], S.plus((Duration) seedAndOffset[i + 1]));
        }
        return map;
    }

    private static Duration h(long hours) {
        return Duration.ofHours(hours);
    }

    private static Duration d(long days) {
        return Duration.ofDays(days);
    }

    // W1
    @Test
    void waves_defaultWaves_matchesUpstreamSeeds() throws TwoliterException {
        assertThat(shipped("default-waves.toml").waves(S)).containsExactlyEntriesOf(expected(
                0, h(1), 20, h(4), 102, d(1), 307, d(2), 819, d(4), 1228, d(5), 1843, d(6)));
    }

    // W2
    @Test
    void waves_acceleratedWaves_matchesUpstreamSeeds() throws TwoliterException {
        assertThat(shipped("accelerated-waves.toml").waves(S)).containsExactlyEntriesOf(expected(
                0, h(1), 61, h(4), 245, h(8), 819, h(16), 1638, d(1)));
    }

    @Test
    void waves_slowRoll_matchesUpstreamSeeds() throws TwoliterException {
        assertThat(shipped("slow-roll.toml").waves(S)).containsExactlyEntriesOf(expected(
                0, h(1), 20, d(1), 102, d(3), 307, d(7), 819, d(9), 1228, d(12), 1843, d(13)));
    }

    // W3
    @Test
    void load_minutesOffsets_errorQuotesStartAfter() {
        assertThatThrownBy(() -> WavePolicy.load(Path.of("src/test/resources/policy/ohno.toml"), "ohno.toml"))
                .isInstanceOf(TwoliterException.class)
                .hasMessageStartingWith("ohno.toml:3:1: Unable to parse 'start_after' offset from string"
                        + " '30 minutes': Date argument '30 minutes' is invalid: ")
                .hasMessageContaining("unit must be hours/days/weeks");
    }

    // W4
    @Test
    void waves_laterWaveStartsEarlier_errorNotOrdered() {
        WavePolicy policy = new WavePolicy(List.of(new WavePolicy.Wave(h(1), 50), new WavePolicy.Wave(h(2), 10),
                new WavePolicy.Wave(h(3), 100)));

        assertThatThrownBy(() -> policy.waves(S))
                .isInstanceOf(TwoliterException.class)
                .hasMessageStartingWith("Waves are not ordered; percentages and dates must be in ascending order");
    }

    @Test
    void requireOrdered_outOfOrderMap_errorNotOrdered() {
        // The map W4 produces: {0: 1h, 204: 3h, 1024: 2h}.
        Map<Integer, Instant> waves = Map.of(0, S.plus(h(1)), 204, S.plus(h(3)), 1024, S.plus(h(2)));

        assertThatThrownBy(() -> WavePolicy.requireOrdered(waves)).hasMessageStartingWith("Waves are not ordered");
    }

    @Test
    void requireOrdered_equalTimes_errorNotOrdered() {
        assertThatThrownBy(() -> WavePolicy.requireOrdered(Map.of(0, S, 20, S)))
                .hasMessageStartingWith("Waves are not ordered");
    }

    // W5
    @ParameterizedTest
    @ValueSource(longs = {0, 101})
    void waves_percentageOutOfRange_errorGivesValue(long percentage) {
        WavePolicy policy = new WavePolicy(List.of(new WavePolicy.Wave(h(1), percentage)));

        assertThatThrownBy(() -> policy.waves(S))
                .hasMessage("fleet_percentage must be a value between 1 - 100: value provided: " + percentage);
    }

    @ParameterizedTest
    @ValueSource(longs = {0, 101})
    void parse_percentageOutOfRange_errorLocatesKey(long percentage) {
        String toml = "[[waves]]\nstart_after = '1 hour'\nfleet_percentage = " + percentage + "\n";

        assertThatThrownBy(() -> WavePolicy.parse(TomlFile.parse(toml, "w5.toml")))
                .hasMessage("w5.toml:3:1: 'waves[0].fleet_percentage' fleet_percentage must be a value between 1 - 100:"
                        + " value provided: " + percentage);
    }

    @Test
    void parse_missingPercentage_errorNamesKey() {
        assertThatThrownBy(() -> WavePolicy.parse(TomlFile.parse("[[waves]]\nstart_after = '1 hour'\n", "m.toml")))
                .hasMessageContaining("required key 'waves[0].fleet_percentage' is missing");
    }

    @Test
    void parse_typoedWavesTable_errorNamesKeyAndTheKeysThatExist() {
        String toml = "[[wave]]\nstart_after = '1 hour'\nfleet_percentage = 100\n";

        assertThatThrownBy(() -> WavePolicy.parse(TomlFile.parse(toml, "typo.toml")))
                .isInstanceOf(TwoliterException.class)
                .hasMessage("typo.toml:1:1: 'wave' is not a wave policy setting; the only key is 'waves' ([[waves]]"
                        + " tables with start_after and fleet_percentage)");
    }

    @Test
    void parse_unknownKeyInWave_errorNamesKeyAndTheKeysThatExist() {
        String toml = "[[waves]]\nstart_after = '1 hour'\nfleet_percentage = 100\nfleet_percent = 5\n";

        assertThatThrownBy(() -> WavePolicy.parse(TomlFile.parse(toml, "typo.toml")))
                .isInstanceOf(TwoliterException.class)
                .hasMessage("typo.toml:4:1: 'waves[0].fleet_percent' is not a wave setting; the only keys are"
                        + " start_after, fleet_percentage");
    }

    @Test
    void parse_noWaves_errorSaysWhatToAdd() {
        assertThatThrownBy(() -> WavePolicy.parse(TomlFile.parse("# nothing\n", "empty.toml")))
                .isInstanceOf(TwoliterException.class)
                .hasMessage("empty.toml: the wave policy has no [[waves]], so every host would take the update at"
                        + " once; add [[waves]] tables with start_after and fleet_percentage");
    }

    @Test
    void parse_hugeStartAfter_errorNamesValueAndLimit() {
        String toml = "[[waves]]\nstart_after = '4294967295 weeks'\nfleet_percentage = 100\n";

        assertThatThrownBy(() -> WavePolicy.parse(TomlFile.parse(toml, "huge.toml")))
                .isInstanceOf(TwoliterException.class)
                .hasMessage("huge.toml:2:1: 'waves[0].start_after' is '4294967295 weeks', more than 100 years (36525"
                        + " days); use a shorter offset such as '1 day'");
    }

    @Test
    void waves_pastYear9999_errorNamesWave() {
        WavePolicy policy = new WavePolicy(List.of(new WavePolicy.Wave(d(30), 100)));

        assertThatThrownBy(() -> policy.waves(Instant.parse("9999-12-25T00:00:00Z")))
                .isInstanceOf(TwoliterException.class)
                .hasMessageStartingWith("wave 1 (start 9999-12-25T00:00:00Z plus start_after 30 days) is"
                        + " +10000-01-24T00:00:00Z, outside 1970-01-01T00:00:00Z to 9999-12-31T23:59:59Z");
    }

    // W6
    @ParameterizedTest
    @CsvSource({"1,20", "3,61", "5,102", "12,245", "15,307", "25,512", "40,819", "50,1024", "60,1228", "80,1638",
            "90,1843", "100,2048"})
    void seedAfter_percentage_truncatesF32Product(long percentage, int seed) {
        assertThat(WavePolicy.seedAfter(percentage)).isEqualTo(seed);
    }
}
