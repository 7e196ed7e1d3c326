package pubsys.policy;

import common.TwoliterException;
import common.toml.TomlFile;
import common.toml.TomlNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.TreeMap;
import pubsys.time.DateArgument;
import pubsys.time.TimeLimits;

/**
 * A staged rollout: the {@code [[waves]]} of a wave policy file such as {@code policies/waves/default-waves.toml}
 * (reference §2.3, §6), turned into the seed-to-start-time map that manifest.json carries.
 */
public record WavePolicy(List<Wave> waves) {
    /** Update clients draw a seed in {@code [0, MAX_SEED)}; the last wave ends at this seed. */
    public static final int MAX_SEED = 2048;
    private static final String WAVES = "waves";
    private static final List<String> WAVE_KEYS = List.of("start_after", "fleet_percentage");

    public WavePolicy {
        waves = List.copyOf(Objects.requireNonNull(waves, "waves"));
    }

    /** One wave: it starts {@code startAfter} the release start and covers hosts up to {@code fleetPercentage}. */
    public record Wave(Duration startAfter, long fleetPercentage) {
        public Wave {
            Objects.requireNonNull(startAfter, "start_after");
            if (startAfter.isNegative()) {
                throw new IllegalArgumentException("'start_after' must not be negative, got " + startAfter);
            }
        }
    }

    public static WavePolicy load(Path file, String displayName) throws TwoliterException {
        return parse(TomlFile.read(file, displayName));
    }

    /**
     * Unknown keys are refused, at the top and in each wave, and so is a file without waves: a typo ({@code [[wave]]})
     * would otherwise publish an update with no waves, that is without a staged rollout.
     */
    public static WavePolicy parse(TomlFile file) throws TwoliterException {
        TomlNode root = file.root();
        for (String key : root.keys()) {
            if (!key.equals(WAVES)) {
                throw root.error(key, "is not a wave policy setting; the only key is '" + WAVES + "' ([[waves]]"
                        + " tables with " + String.join(" and ", WAVE_KEYS) + ")");
            }
        }
        List<Wave> waves = new ArrayList<>();
        for (TomlNode wave : root.tableArray(WAVES)) {
            for (String key : wave.keys()) {
                if (!WAVE_KEYS.contains(key)) {
                    throw wave.error(key, "is not a wave setting; the only keys are " + String.join(", ", WAVE_KEYS));
                }
            }
            String startAfter = wave.string("start_after");
            long percentage = wave.requireLong("fleet_percentage");
            Duration offset;
            try {
                offset = DateArgument.parseOffset(startAfter);
            } catch (TwoliterException e) {
                throw TwoliterException.badInput(wave.location("start_after") + ": Unable to parse 'start_after'"
                        + " offset from string '" + startAfter + "': " + e.getMessage());
            }
            if (!TimeLimits.withinMaxOffset(offset)) {
                throw wave.error("start_after", "is '" + startAfter + "', " + TimeLimits.overMaxOffset()
                        + "; use a shorter offset such as '1 day'");
            }
            waves.add(new Wave(offset, percentage));
            try {
                requirePercentage(percentage);
            } catch (TwoliterException e) {
                throw wave.error("fleet_percentage", e.getMessage());
            }
        }
        if (waves.isEmpty()) {
            throw TwoliterException.badInput(file.name() + ": the wave policy has no [[waves]], so every host would"
                    + " take the update at once; add [[waves]] tables with " + String.join(" and ", WAVE_KEYS));
        }
        return new WavePolicy(waves);
    }

    /**
     * The seed-to-start-time map for a release starting at {@code start}: the first wave at seed 0, each later wave
     * at the seed where the previous wave's percentage ends.
     */
    public NavigableMap<Integer, Instant> waves(Instant start) throws TwoliterException {
        Objects.requireNonNull(start, "start");
        NavigableMap<Integer, Instant> bySeed = new TreeMap<>();
        int seed = 0;
        for (int i = 0; i < waves.size(); i++) {
            Wave wave = waves.get(i);
            requirePercentage(wave.fleetPercentage());
            bySeed.put(seed, TimeLimits.requireDate(start.plus(wave.startAfter()), "wave " + (i + 1) + " (start "
                    + start + " plus start_after " + TimeLimits.describe(wave.startAfter()) + ")"));
            seed = seedAfter(wave.fleetPercentage());
        }
        // The last wave's end seed (MAX_SEED for 100%) is computed but never stored, as upstream.
        requireOrdered(bySeed);
        return Collections.unmodifiableNavigableMap(bySeed);
    }

    /** The first seed past {@code percentage} of the fleet, computed in f32 and truncated as upstream does. */
    static int seedAfter(long percentage) {
        return (int) ((float) percentage / 100f * (float) MAX_SEED);
    }

    /** Waves read in ascending seed order must start strictly later and later. */
    public static void requireOrdered(Map<Integer, Instant> bySeed) throws TwoliterException {
        Instant previous = null;
        for (Instant time : new TreeMap<>(bySeed).values()) {
            if (previous != null && !time.isAfter(previous)) {
                throw TwoliterException.badInput("Waves are not ordered; percentages and dates must be in ascending"
                        + " order (wave starting " + time + " comes after one starting " + previous + ")");
            }
            previous = time;
        }
    }

    private static void requirePercentage(long percentage) throws TwoliterException {
        if (percentage < 1 || percentage > 100) {
            throw TwoliterException.badInput("fleet_percentage must be a value between 1 - 100: value provided: "
                    + percentage);
        }
    }
}
