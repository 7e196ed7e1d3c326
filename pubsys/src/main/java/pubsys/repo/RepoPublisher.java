package pubsys.repo;

import common.AtomicFiles;
import common.ErrorCategory;
import common.TwoliterException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import pubsys.keys.Signers;
import pubsys.manifest.Images;
import pubsys.manifest.Manifest;
import pubsys.manifest.MigrationKey;
import pubsys.manifest.UpdateKey;
import pubsys.manifest.Version;
import pubsys.policy.ExpirationPolicy;
import pubsys.tuf.Expirations;
import pubsys.tuf.LoadedRepository;
import pubsys.tuf.RepositoryLayout;
import pubsys.tuf.RepositoryLoader;
import pubsys.tuf.RepositoryWriter;
import pubsys.tuf.TargetFile;
import pubsys.tuf.WriteRequest;

/**
 * {@code repo} (pubsys.md §5): extend the repository Infra.toml names (or start one), add the variant's update images,
 * other targets and an updated {@code manifest.json}, sign with the repo's key and write
 * {@code <outdir>/<variant>/<arch>/} (metadata) and {@code <outdir>/targets/}.
 */
public final class RepoPublisher {
    private static final String MANIFEST = "manifest.json";

    private RepoPublisher() {
    }

    /** Publishes and returns the metadata directory written. */
    public static Path publish(PublishRequest request, Clock clock) throws TwoliterException {
        Path metadataOut = request.outdir().resolve(request.variant()).resolve(request.arch());
        if (Files.exists(metadataOut)) {
            throw TwoliterException.badInput("repo exists at '" + metadataOut + "'; remove it and try again");
        }
        for (Path image : List.of(request.bootImage(), request.rootImage(), request.hashImage())) {
            if (!Files.isRegularFile(image)) {
                throw TwoliterException.badInput("update image '" + image + "' does not exist; build the variant"
                        + " first: twoliter build variant " + request.variant() + " --arch " + request.arch());
            }
        }
        // Before anything is written: metadata dated past 9999 is refused (the CLI warns about expired metadata).
        ExpirationPolicy.Expirations expires = request.expiration().expirations(request.start(), clock.instant());
        Optional<LoadedRepository> base = existing(request, clock);
        Manifest manifest = base.isPresent() ? Manifest.load(base.get().targetPath(MANIFEST), MANIFEST)
                : Manifest.empty();
        Version version = Version.parse(request.version());
        Map<MigrationKey, List<String>> migrations = new TreeMap<>(Comparator.comparing(MigrationKey::toString));
        for (Map.Entry<String, List<String>> entry : request.migrations().entrySet()) {
            migrations.put(MigrationKey.parse(entry.getKey()), entry.getValue());
        }
        manifest = manifest.addUpdate(request.variant(), request.arch(), version, new Images(
                        request.bootImage().getFileName().toString(), request.rootImage().getFileName().toString(),
                        request.hashImage().getFileName().toString()))
                .withMigrations(migrations)
                .setWaves(new UpdateKey(request.variant(), request.arch(), version), request.start(), request.waves());
        Path scratch = request.outdir().resolve(".manifest." + ProcessHandle.current().pid());
        try {
            Files.createDirectories(request.outdir());
            AtomicFiles.write(scratch, manifest.toJson());
            List<TargetFile> targets = new ArrayList<>();
            for (Path file : concat(request.copyTargets(), request.linkTargets(),
                    List.of(request.bootImage(), request.rootImage(), request.hashImage()))) {
                targets.add(new TargetFile(file.getFileName().toString(), file, null));
            }
            targets.add(new TargetFile(MANIFEST, scratch, null));
            RepositoryWriter.write(new WriteRequest(request.rootRole(),
                    List.of(Signers.forRepo(request.repo(), request.config().signingKeys(),
                            request.defaultKey())), base, targets,
                    clock.instant().getEpochSecond(), new Expirations(expires.targets(), expires.snapshot(),
                    expires.timestamp()), new RepositoryLayout(metadataOut, request.outdir().resolve("targets"))));
            link(request.outdir());
            return metadataOut;
        } catch (IOException e) {
            throw new TwoliterException(ErrorCategory.FAILURE, "cannot write repo '" + request.repo() + "' at '"
                    + request.outdir() + "': " + e.getMessage());
        } finally {
            try {
                Files.deleteIfExists(scratch);
            } catch (IOException e) {
                // A leftover scratch manifest is harmless.
            }
        }
    }

    /** The repo Infra.toml names, verified (expired metadata fails), or empty to start a new one. */
    private static Optional<LoadedRepository> existing(PublishRequest request, Clock clock) throws TwoliterException {
        Optional<RepositoryLayout> layout = RepoLocation.open(request.repo(), request.config(), request.variant(),
                request.arch(), MANIFEST::equals);
        if (layout.isEmpty()) {
            return Optional.empty();
        }
        LoadedRepository loaded = RepositoryLoader.load(layout.get(), request.rootRole(), clock);
        if (!loaded.listTargets().containsKey(MANIFEST)) {
            throw TwoliterException.badInput("repo does not have a manifest.json: " + layout.get().metadataDir());
        }
        loaded.verifyTarget(MANIFEST);
        return Optional.of(loaded);
    }

    /** {@code latest} beside the output directory, pointing at it, replaced atomically. */
    private static void link(Path outdir) throws IOException {
        Path link = outdir.resolveSibling("latest");
        Path tmp = outdir.resolveSibling(".latest." + ProcessHandle.current().pid());
        Files.deleteIfExists(tmp);
        Files.createSymbolicLink(tmp, outdir.getFileName());
        AtomicFiles.move(tmp, link);
    }

    @SafeVarargs
    private static List<Path> concat(List<Path>... lists) {
        List<Path> all = new ArrayList<>();
        for (List<Path> list : lists) {
            all.addAll(list);
        }
        return all;
    }
}
