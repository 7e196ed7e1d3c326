package buildsys.fetch;

import buildsys.manifest.Sha512;
import common.Causes;
import common.TwoliterException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The places that need no network, in DESIGN.md §3's order: the repository cache, the file beside the spec, each
 * {@code --distdir}. Files found outside the cache are copied in (verified on the way) and never modified or deleted:
 * the source tree and distdirs are read-only to us.
 */
final class LocalSources {
    private final RepositoryCache cache;
    private final List<Path> distdirs;

    LocalSources(RepositoryCache cache, List<Path> distdirs) {
        this.cache = cache;
        this.distdirs = List.copyOf(distdirs);
    }

    /**
     * The file from the first place that has it intact; each place looked at is added to {@code tried}, and each
     * copy with other bytes to {@code mismatches} (a damaged copy is not a missing one).
     */
    Optional<Fetched> find(FileNeed need, List<String> tried, List<String> mismatches) throws TwoliterException {
        Optional<Path> hit = cache.lookup(need.file().sha512());
        if (hit.isPresent()) {
            return Optional.of(new Fetched(need, hit.get(), FetchOrigin.REPOSITORY_CACHE));
        }
        tried.add("the repository cache");
        Optional<Fetched> found = copyIn(need, need.packageDir(), FetchOrigin.PACKAGE_DIR, tried, mismatches);
        for (int i = 0; found.isEmpty() && i < distdirs.size(); i++) {
            found = copyIn(need, distdirs.get(i), FetchOrigin.DISTDIR, tried, mismatches);
        }
        return found;
    }

    private Optional<Fetched> copyIn(FileNeed need, Path dir, FetchOrigin origin, List<String> tried,
                                     List<String> mismatches) throws TwoliterException {
        String place = origin == FetchOrigin.DISTDIR ? "the distdir '" + dir + "'" : need.packagePlace();
        Path candidate = dir.resolve(need.file().path());
        if (!Files.isRegularFile(candidate)) {
            tried.add(place);
            return Optional.empty();
        }
        Sha512 sha512 = need.file().sha512();
        try (InputStream in = Files.newInputStream(candidate)) {
            Outcome outcome = cache.store(in, sha512);
            if (outcome instanceof Outcome.Stored stored) {
                return Optional.of(new Fetched(need, stored.path(), origin));
            }
            // A stale or foreign file: ignore it, as a wrong file there is expected after a version bump.
            String mismatch = FetchMessages.hashMismatch(need, candidate, ((Outcome.Mismatch) outcome).actualHex());
            tried.add(place + " (" + mismatch + ")");
            mismatches.add(mismatch);
        } catch (IOException e) {
            tried.add(place + " (cannot read '" + candidate + "': " + Causes.describe(e) + ")");
        }
        return Optional.empty();
    }
}
