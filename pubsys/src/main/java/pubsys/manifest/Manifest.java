package pubsys.manifest;

import common.AtomicFiles;
import common.ErrorCategory;
import common.TwoliterException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import pubsys.policy.WavePolicy;

/**
 * The update metadata (manifest.json) of a TUF update repository: every released update and the migrations between
 * OS versions (reference §6). Immutable; the operations return a new manifest.
 */
public record Manifest(List<Update> updates, Map<MigrationKey, List<String>> migrations) {
    // Reference §6: migration keys are written sorted as strings, so "(1.1.0, 1.10.0)" precedes "(1.1.0, 1.2.0)".
    static final Comparator<MigrationKey> KEY_ORDER = Comparator.comparing(MigrationKey::toString);

    public Manifest {
        updates = List.copyOf(updates);
        TreeMap<MigrationKey, List<String>> sorted = new TreeMap<>(KEY_ORDER);
        migrations.forEach((key, files) -> sorted.put(Objects.requireNonNull(key), List.copyOf(files)));
        migrations = Collections.unmodifiableSortedMap(sorted);
    }

    public static Manifest empty() {
        return new Manifest(List.of(), Map.of());
    }

    /** Reads manifest.json; unknown fields are accepted and dropped. {@code displayName} is how errors name it. */
    public static Manifest load(Path file, String displayName) throws TwoliterException {
        try {
            return ManifestJson.read(Files.readAllBytes(file), displayName);
        } catch (NoSuchFileException e) {
            throw TwoliterException.badInput("manifest '" + displayName + "' does not exist");
        } catch (IOException e) {
            throw TwoliterException.badInput("cannot read manifest '" + displayName + "': " + e.getMessage());
        }
    }

    /** Writes manifest.json atomically (temp file in the same directory, then a move). */
    public void save(Path file) throws TwoliterException {
        try {
            AtomicFiles.write(file, toJson());
        } catch (IOException e) {
            throw new TwoliterException(ErrorCategory.FAILURE, "cannot write manifest '" + file + "': "
                    + e.getMessage() + "; check the directory exists and is writable", e);
        }
    }

    /** The exact bytes {@link #save(Path)} writes: pretty JSON in upstream's field order, with a final newline. */
    public byte[] toJson() {
        return ManifestJson.write(this);
    }

    /**
     * Appends an update with no waves (never de-duplicated), then raises {@code max_version} of every update of the
     * same variant and arch to the larger of {@code version} and the first update's {@code max_version}.
     */
    public Manifest addUpdate(String variant, String arch, Version version, Images images) {
        // QUIRK kept from upstream: the first update counts whatever its variant and arch.
        Version max = updates.isEmpty() || updates.get(0).maxVersion().compareTo(version) < 0
                ? version : updates.get(0).maxVersion();
        List<Update> next = new ArrayList<>(updates);
        next.add(new Update(variant, arch, version, max, new TreeMap<>(), images));
        next.replaceAll(u -> u.variant().equals(variant) && u.arch().equals(arch) ? u.withMaxVersion(max) : u);
        return new Manifest(next, migrations);
    }

    /**
     * Replaces the waves of every update matching {@code key} with the policy's waves from {@code start}, then checks
     * that the waves of all updates are in order.
     */
    public Manifest setWaves(UpdateKey key, Instant start, WavePolicy policy) throws TwoliterException {
        Map<Integer, Instant> waves = policy.waves(start);
        List<Update> next = new ArrayList<>(updates);
        next.replaceAll(u -> key.matches(u) ? u.withWaves(waves) : u);
        for (Update update : next) {
            WavePolicy.requireOrdered(update.waves());
        }
        return new Manifest(next, migrations);
    }

    /** Replaces all migrations, as upstream does from Release.toml's {@code [migrations]}. */
    public Manifest withMigrations(Map<MigrationKey, List<String>> newMigrations) {
        return new Manifest(updates, newMigrations);
    }

    /**
     * The migrations to run from {@code from} to {@code to}: from the lower version, repeatedly take the edge that
     * reaches furthest without passing the higher one; reversed when downgrading.
     */
    public List<String> findMigrations(Version from, Version to) throws TwoliterException {
        int direction = from.compareTo(to);
        if (direction == 0) {
            return List.of();
        }
        Version target = direction < 0 ? to : from;
        Version current = direction < 0 ? from : to;
        List<String> chain = new ArrayList<>();
        while (current.compareTo(target) < 0) {
            Optional<MigrationKey> step = furthestStep(current, target);
            if (step.isEmpty()) {
                throw TwoliterException.badInput("Reached end of migration chain at " + current + " but target is "
                        + target + "; the manifest has no migration from " + current + " towards " + target);
            }
            chain.addAll(migrations.get(step.get()));
            current = step.get().to();
        }
        if (direction > 0) {
            Collections.reverse(chain);
        }
        return List.copyOf(chain);
    }

    private Optional<MigrationKey> furthestStep(Version current, Version target) {
        return migrations.keySet().stream()
                .filter(k -> k.from().equals(current) && k.to().compareTo(current) > 0 && k.to().compareTo(target) <= 0)
                .max(Comparator.comparing(MigrationKey::to));
    }
}
