package pubsys.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import common.TwoliterException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class UpdateReadyTest {
    private static final Instant T = Instant.parse("2024-01-01T00:00:00Z");

    private static Update withWaves(Map<Integer, Instant> waves) throws TwoliterException {
        Version version = Version.parse("1.20.0");
        return new Update("aws-dev", "x86_64", version, version, new TreeMap<>(waves), new Images("b", "r", "h"));
    }

    private static Instant ms(long millis) {
        return T.plus(Duration.ofMillis(millis));
    }

    // U1
    @Test
    void updateReady_noWaves_ready() throws TwoliterException {
        assertThat(withWaves(Map.of()).updateReady(100, T)).isTrue();
    }

    // U2
    @Test
    void updateReady_oneWaveOverMaxSeed_readyAtSeedMillis() throws TwoliterException {
        Update update = withWaves(Map.of(0, T, 2048, ms(2048)));

        for (int seed : new int[] {100, 200, 300, 400}) {
            assertThat(update.updateReady(seed, ms(seed - 1))).as("seed %d at T+%d", seed, seed - 1).isFalse();
            assertThat(update.updateReady(seed, ms(seed))).as("seed %d at T+%d", seed, seed).isTrue();
        }
    }

    // U3: seed 60 sits in wave 50 -> 100; the scaled target T+200ms + (824ms / 50) * 60 = T+1188.8ms lies past the
    // wave's end, so the host becomes ready when the wave has passed, at T+1024ms.
    @Test
    void updateReady_seedInsideGeneralWave_readyFromScaledTarget() throws TwoliterException {
        Update update = withWaves(Map.of(0, T, 50, ms(200), 100, ms(1024), 1024, ms(4096)));

        for (long t = 0; t < 200; t++) {
            assertThat(update.updateReady(60, ms(t))).as("T+%d", t).isFalse();
        }
        for (long t = 200; t < 960; t += 2) {
            assertThat(update.updateReady(60, ms(t))).as("T+%d", t).isFalse();
        }
        assertThat(update.updateReady(60, T.plus(Duration.ofNanos(1_023_999_999)))).isFalse();
        for (long d = 960; d < 1024; d++) {
            assertThat(update.updateReady(60, ms(200 + d))).as("T+200+%d", d).isTrue();
        }
        for (long t = 1024; t < 4096; t++) {
            assertThat(update.updateReady(60, ms(t))).as("T+%d", t).isTrue();
        }
    }

    // U4: seed 148 sits in wave 100 -> 1024; 3072ms / 924 truncates to 3324675ns, x148 -> target T+1516.0519ms.
    @Test
    void updateReady_seedInLongWave_integerNanosecondDivision() throws TwoliterException {
        Update update = withWaves(Map.of(0, T, 50, ms(200), 100, ms(1024), 1024, ms(4096)));

        for (long t = 0; t < 1024; t++) {
            assertThat(update.updateReady(148, ms(t))).as("T+%d", t).isFalse();
        }
        for (long d = 444; d < 4096; d += 4) {
            assertThat(update.updateReady(148, ms(1224 + d))).as("T+1224+%d", d).isTrue();
        }
        assertThat(update.updateReady(148, T.plus(Duration.ofNanos(1_516_051_899)))).isFalse();
        assertThat(update.updateReady(148, T.plus(Duration.ofNanos(1_516_051_900)))).isTrue();
    }

    // U5
    @Test
    void updateReady_lastWavePassed_ready() throws TwoliterException {
        Update update = withWaves(Map.of(0, T.minus(Duration.ofHours(3)), 256, T.minus(Duration.ofHours(2)),
                512, T.minus(Duration.ofHours(1))));

        assertThat(update.updateReady(1024, T)).isTrue();
    }

    @Test
    void updateReady_lastWaveNotStarted_notReady() throws TwoliterException {
        Update update = withWaves(Map.of(0, T, 512, T.plus(Duration.ofHours(1))));

        assertThat(update.updateReady(1024, T.plus(Duration.ofMinutes(59)))).isFalse();
        assertThat(update.updateReady(1024, T.plus(Duration.ofHours(1)))).isTrue();
    }

    @Test
    void updateReady_seedZeroBeforeFirstWave_notReady() throws TwoliterException {
        Update update = withWaves(Map.of(0, T.plus(Duration.ofHours(1)), 20, T.plus(Duration.ofHours(4))));

        assertThat(update.updateReady(0, T)).isFalse();
        assertThat(update.updateReady(0, T.plus(Duration.ofHours(1)))).isTrue();
    }
}
