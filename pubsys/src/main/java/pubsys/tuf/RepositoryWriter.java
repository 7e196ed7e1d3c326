package pubsys.tuf;

import common.AtomicFiles;
import common.ErrorCategory;
import common.TwoliterException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes a TUF repository as pubsys does with tough's editor: targets copied under their sha256, then targets,
 * snapshot and timestamp re-signed with one version, and root.json copied byte for byte (it is never re-signed).
 */
public final class RepositoryWriter {
    private RepositoryWriter() {
    }

    /** Writes the repository; returns what a loader would now see (the metadata, as signed). */
    public static Written write(WriteRequest request) throws TwoliterException {
        byte[] rootBytes = readRoot(request.rootJson());
        Signed<Root> root = Signed.parseRoot(rootBytes, request.rootJson().toString());
        Verifier.verify(root.signed(), Role.ROOT, root, request.rootJson().toString());
        RoleSigner signer = RoleSigner.of(root.signed(), request.signers());
        boolean consistent = root.signed().consistentSnapshot();
        checkVersion(request);

        Map<String, TargetInfo> targets = new TreeMap<>();
        if (request.base().isPresent()) {
            targets.putAll(carryOver(request.base().get()));
        }
        for (TargetFile t : request.targets()) {
            targets.put(t.name(), TargetCopier.copy(t, request.out(), consistent));
        }
        long v = request.version();
        Expirations exp = request.expirations();
        Targets targetsRole = request.base()
                .map(b -> b.targetsMetadata().signed().with(v, exp.targets(), targets))
                .orElseGet(() -> Targets.fresh(v, exp.targets(), targets));
        Signed<Targets> signedTargets = signer.sign(Signed.unsigned(targetsRole));
        byte[] targetsBytes = signedTargets.toFileBytes();
        Signed<Snapshot> snapshot = signer.sign(Signed.unsigned(
                new Snapshot(v, exp.snapshot(), Map.of("targets.json", MetaInfo.of(v, targetsBytes)))));
        byte[] snapshotBytes = snapshot.toFileBytes();
        Signed<Timestamp> timestamp = signer.sign(Signed.unsigned(
                new Timestamp(v, exp.timestamp(), MetaInfo.of(v, snapshotBytes))));

        // Timestamp last: a reader that sees the new timestamp finds everything it points to.
        RepositoryLayout out = request.out();
        write(out.metadata(Role.ROOT, root.signed().version(), true), rootBytes);
        write(out.metadata(Role.TARGETS, v, consistent), targetsBytes);
        write(out.metadata(Role.SNAPSHOT, v, consistent), snapshotBytes);
        write(out.metadata(Role.TIMESTAMP, v, consistent), timestamp.toFileBytes());
        return new Written(signedTargets, snapshot, timestamp);
    }

    /** The metadata just written. */
    public record Written(Signed<Targets> targets, Signed<Snapshot> snapshot, Signed<Timestamp> timestamp) {
    }

    /**
     * The base repository's targets stay listed, as upstream keeps them: their files are already where the repository
     * is served from, so only new targets are written (a repository read over HTTP need not be downloaded whole).
     */
    private static Map<String, TargetInfo> carryOver(LoadedRepository base) {
        return base.listTargets();
    }

    private static void checkVersion(WriteRequest request) throws TwoliterException {
        if (request.base().isPresent()) {
            LoadedRepository b = request.base().get();
            long newest = Math.max(b.timestamp().signed().version(),
                    Math.max(b.snapshot().signed().version(), b.targetsMetadata().signed().version()));
            if (request.version() <= newest) {
                throw TwoliterException.badInput("new metadata version " + request.version()
                        + " must exceed the existing repository's " + newest + ", or clients reject it as a rollback");
            }
        }
    }

    private static byte[] readRoot(Path rootJson) throws TwoliterException {
        try {
            return Files.readAllBytes(rootJson);
        } catch (IOException e) {
            throw TwoliterException.badInput("cannot read root.json '" + rootJson + "': " + e);
        }
    }

    private static void write(Path file, byte[] bytes) throws TwoliterException {
        try {
            AtomicFiles.write(file, bytes);
        } catch (IOException e) {
            throw new TwoliterException(ErrorCategory.FAILURE, "cannot write '" + file + "': " + e);
        }
    }
}
