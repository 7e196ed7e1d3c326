package pubsys.tuf;

import common.ErrorCategory;
import common.TwoliterException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;

/**
 * Loads a repository from disk as tough's RepositoryLoader does (§4.7): trusted root, root updates, then timestamp,
 * snapshot and targets, each checked for signatures, version, length, sha256 and expiry against a {@link Clock}.
 */
public final class RepositoryLoader {
    private static final long MAX_TIMESTAMP_BYTES = 1024 * 1024;
    private static final int MAX_ROOT_UPDATES = 1024;

    private RepositoryLoader() {
    }

    public static LoadedRepository load(RepositoryLayout layout, Path trustedRoot, Clock clock)
            throws TwoliterException {
        Signed<Root> root = Signed.parseRoot(read(trustedRoot, Long.MAX_VALUE), trustedRoot.toString());
        Verifier.verify(root.signed(), Role.ROOT, root, trustedRoot.toString());
        root = updateRoot(layout, root);
        Root r = root.signed();
        Instant now = clock.instant();
        checkExpiry(r, layout.metadata(Role.ROOT, r.version(), true), now);

        Path tsFile = layout.metadata(Role.TIMESTAMP, 0, r.consistentSnapshot());
        Signed<Timestamp> ts = Signed.parseTimestamp(read(tsFile, MAX_TIMESTAMP_BYTES), tsFile.toString());
        Verifier.verify(r, Role.TIMESTAMP, ts, tsFile.toString());
        checkExpiry(ts.signed(), tsFile, now);

        MetaInfo snapMeta = ts.signed().snapshot();
        Path snapFile = layout.metadata(Role.SNAPSHOT, snapMeta.version(), r.consistentSnapshot());
        Signed<Snapshot> snap = Signed.parseSnapshot(readMeta(snapFile, snapMeta), snapFile.toString());
        Verifier.verify(r, Role.SNAPSHOT, snap, snapFile.toString());
        checkVersion(snap.signed(), snapMeta, snapFile);
        checkExpiry(snap.signed(), snapFile, now);

        MetaInfo targetsMeta = snap.signed().meta().get("targets.json");
        if (targetsMeta == null) {
            throw failure("'" + snapFile + "' has no 'targets.json' in its meta");
        }
        Path targetsFile = layout.metadata(Role.TARGETS, targetsMeta.version(), r.consistentSnapshot());
        Signed<Targets> targets = Signed.parseTargets(readMeta(targetsFile, targetsMeta), targetsFile.toString());
        Verifier.verify(r, Role.TARGETS, targets, targetsFile.toString());
        checkVersion(targets.signed(), targetsMeta, targetsFile);
        checkExpiry(targets.signed(), targetsFile, now);
        return new LoadedRepository(layout, root, ts, snap, targets);
    }

    /** Follows {@code <v+1>.root.json} while it exists; each must verify under the old and the new root. */
    private static Signed<Root> updateRoot(RepositoryLayout layout, Signed<Root> trusted) throws TwoliterException {
        for (int i = 0; i < MAX_ROOT_UPDATES; i++) {
            long next = trusted.signed().version() + 1;
            Path file = layout.metadata(Role.ROOT, next, true);
            if (!Files.exists(file)) {
                return trusted;
            }
            Signed<Root> candidate = Signed.parseRoot(read(file, Long.MAX_VALUE), file.toString());
            Verifier.verify(trusted.signed(), Role.ROOT, candidate, file.toString());
            Verifier.verify(candidate.signed(), Role.ROOT, candidate, file.toString());
            if (candidate.signed().version() != next) {
                throw failure("'" + file + "' has version " + candidate.signed().version() + ", expected " + next);
            }
            trusted = candidate;
        }
        return trusted;
    }

    private static byte[] readMeta(Path file, MetaInfo meta) throws TwoliterException {
        byte[] bytes = read(file, meta.length());
        String sha = TufJson.sha256Hex(bytes);
        if (bytes.length != meta.length() || !sha.equals(meta.sha256())) {
            throw failure("'" + file + "' has length " + bytes.length + " and sha256 '" + sha + "', expected "
                    + meta.length() + " and '" + meta.sha256() + "'; the file was altered");
        }
        return bytes;
    }

    private static void checkVersion(Metadata m, MetaInfo meta, Path file) throws TwoliterException {
        if (m.version() != meta.version()) {
            throw failure("'" + file + "' has version " + m.version() + ", expected " + meta.version());
        }
    }

    private static void checkExpiry(Metadata m, Path file, Instant now) throws TwoliterException {
        if (!m.expires().isAfter(now)) {
            throw failure("'" + m.role().jsonName() + "' expired on " + TufJson.datetime(m.expires()) + " ('" + file
                    + "'); refresh the repository's metadata");
        }
    }

    /** Reads at most {@code limit} bytes (one more is read to detect an oversized file). */
    private static byte[] read(Path file, long limit) throws TwoliterException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8L, limit) + 1);
            if (bytes.length > limit) {
                throw failure("'" + file + "' is larger than the " + limit + " bytes allowed for it");
            }
            return bytes;
        } catch (NoSuchFileException e) {
            throw failure("TUF file '" + file + "' is missing");
        } catch (IOException e) {
            throw failure("cannot read TUF file '" + file + "': " + e);
        }
    }

    private static TwoliterException failure(String message) {
        return new TwoliterException(ErrorCategory.FAILURE, message);
    }
}
