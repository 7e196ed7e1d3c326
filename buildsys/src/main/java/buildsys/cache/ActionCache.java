package buildsys.cache;

import common.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;

/**
 * The action cache: for each action key, the outputs (in the {@link ContentStore}) and metadata its run produced,
 * as JSON at {@code <root>/ac/<2 hex>/<64 hex>.json}. A bad entry is a miss with a reason, never an exception, and
 * is deleted so the next run records a good one.
 */
public final class ActionCache {
    /** Far above any real entry; a bigger file is not read into memory. */
    private static final long MAX_ENTRY_BYTES = 16L << 20;

    private final Path acDir;
    private final ContentStore store;

    public ActionCache(Path root, ContentStore store) {
        this.acDir = root.toAbsolutePath().resolve("ac");
        this.store = Objects.requireNonNull(store);
    }

    /** The recorded result of {@code actionKey} if the entry is sound and every output is in the content store. */
    public CacheResult lookup(String actionKey) {
        Path entry = entryPath(actionKey);
        byte[] bytes;
        try {
            long size = Files.size(entry);
            if (size > MAX_ENTRY_BYTES) {
                return discard(entry, "corrupt entry: " + size + " bytes, more than an entry can hold");
            }
            bytes = Files.readAllBytes(entry);
        } catch (NoSuchFileException e) {
            return new CacheResult.Miss("not cached");
        } catch (IOException e) {
            return discard(entry, "unreadable entry: " + e);
        }
        ActionResult result;
        try {
            result = EntryCodec.decode(actionKey, bytes);
        } catch (EntryCodec.BadEntryException e) {
            return e.corrupt ? discard(entry, "corrupt entry: " + e.getMessage()) : new CacheResult.Miss(e.getMessage());
        }
        for (OutputFile output : result.outputs()) {
            long size = store.sizeOf(output.sha256());
            if (size < 0) {
                return discard(entry, "output '" + output.path() + "' missing from the content store");
            }
            if (size != output.size()) {
                removeQuietly(output.sha256());
                return discard(entry, "output '" + output.path() + "' has " + size
                        + " bytes in the content store, expected " + output.size());
            }
        }
        return new CacheResult.Hit(result);
    }

    /**
     * Records the result of {@code actionKey}. Every output must already be in the content store: the entry is the
     * last thing written, so a reader that sees it finds everything it names.
     */
    public void record(String actionKey, ActionResult result) throws IOException {
        Path entry = entryPath(actionKey);
        for (OutputFile output : result.outputs()) {
            if (!store.contains(output.sha256(), output.size())) {
                throw new IllegalStateException("output '" + output.path() + "' (sha256 '" + output.sha256()
                        + "') is not in the content store; put every output before recording action '"
                        + actionKey + "'");
            }
        }
        AtomicFiles.write(entry, EntryCodec.encode(actionKey, result));
    }

    /** Deletes temporary entries left by processes that died more than a day ago; returns how many. */
    public int removeStaleTempFiles(Clock clock) throws IOException {
        return TempFiles.removeStale(acDir, clock.instant());
    }

    Path entryPath(String actionKey) {
        Sha256.check(actionKey, "action key");
        return acDir.resolve(actionKey.substring(0, 2)).resolve(actionKey + ".json");
    }

    private static CacheResult discard(Path entry, String reason) {
        try {
            Files.deleteIfExists(entry);
        } catch (IOException e) {
            // Still a miss; recording the action again replaces the entry.
        }
        return new CacheResult.Miss(reason);
    }

    private void removeQuietly(String sha256) {
        try {
            store.remove(sha256);
        } catch (IOException e) {
            // The wrong size keeps it from being used; a later put replaces it.
        }
    }
}
