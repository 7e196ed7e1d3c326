package pubsys.manifest;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.TreeMap;
import pubsys.policy.WavePolicy;

/**
 * One entry of manifest.json's {@code updates}: an OS image release for a variant and arch, with its rollout waves
 * (seed to start time).
 */
public record Update(String variant, String arch, Version version, Version maxVersion,
                     NavigableMap<Integer, Instant> waves, Images images) {
    public Update {
        Objects.requireNonNull(variant, "variant");
        Objects.requireNonNull(arch, "arch");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(maxVersion, "max_version");
        Objects.requireNonNull(images, "images");
        waves = Collections.unmodifiableNavigableMap(new TreeMap<>(Objects.requireNonNull(waves, "waves")));
        waves.forEach((seed, time) -> {
            if (seed < 0) {
                throw new IllegalArgumentException("wave seeds are unsigned, got " + seed);
            }
            Objects.requireNonNull(time, "wave time");
        });
    }

    Update withMaxVersion(Version max) {
        return new Update(variant, arch, version, max, waves, images);
    }

    Update withWaves(Map<Integer, Instant> newWaves) {
        return new Update(variant, arch, version, maxVersion, new TreeMap<>(newWaves), images);
    }

    /**
     * Whether a host with this {@code seed} may take the update at {@code now} (reference §6 {@code update_ready}).
     * The host's wave runs from the last wave below its seed to the first at or above it; inside a wave, hosts
     * become ready spread evenly in time by seed.
     */
    public boolean updateReady(int seed, Instant now) {
        Objects.requireNonNull(now, "now");
        Map.Entry<Integer, Instant> start = waves.headMap(seed, false).lastEntry();
        Map.Entry<Integer, Instant> end = seed > WavePolicy.MAX_SEED ? null
                : waves.subMap(seed, true, WavePolicy.MAX_SEED, true).firstEntry();
        if (start == null && end == null) {
            return true; // no waves (or none that apply): no rollout control
        }
        if (end == null) {
            return !start.getValue().isAfter(now); // last wave: ready once it has started
        }
        if (!end.getValue().isAfter(now)) {
            return true; // the host's wave has passed
        }
        if (start == null || start.getValue().isAfter(now)) {
            return false; // initial wave not yet over, or the wave has not started
        }
        if (end.getKey().equals(start.getKey())) {
            return true;
        }
        // Upstream scales the per-seed time by the absolute seed, not the offset into the wave (reference §6);
        // Duration.dividedBy truncates to whole nanoseconds as chrono does.
        Duration perSeed = Duration.between(start.getValue(), end.getValue())
                .dividedBy(end.getKey() - start.getKey());
        Instant target = start.getValue().plus(perSeed.multipliedBy(seed));
        return !now.isBefore(target);
    }
}
