package buildsys.fetch;

import common.TwoliterException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Makes the external files of packages available, verified against their sha512, in the machine-wide repository
 * cache. Tries, in order (DESIGN.md §3 "External files"): the repository cache, the file beside the spec, each
 * {@code --distdir}, the lookaside cache, and the upstream URL when allowed. Never writes into the source tree.
 * Stateless between calls, so one instance may serve several threads, and several processes may share one cache.
 */
public final class SourceFetcher {
    private final FetchSettings settings;
    private final RepositoryCache cache;
    private final LocalSources local;
    private final Downloader downloader;

    public SourceFetcher(FetchSettings settings, Transport transport) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.cache = new RepositoryCache(settings.repositoryCache());
        this.local = new LocalSources(cache, settings.distdirs());
        this.downloader = new Downloader(settings, Objects.requireNonNull(transport, "transport"), cache);
    }

    /**
     * Makes every need available, in order, and returns where each one is. Offline, nothing is downloaded: after
     * looking locally for all needs it fails once, listing every file that is missing.
     *
     * @throws TwoliterException {@code FAILURE} if a file cannot be fetched or the cache cannot be written;
     *                           {@code BAD_INPUT} if offline and files are missing
     */
    public List<Fetched> fetchAll(List<FileNeed> needs) throws TwoliterException {
        List<Fetched> fetched = new ArrayList<>();
        List<FetchMessages.Missing> missing = new ArrayList<>();
        for (FileNeed need : needs) {
            List<String> tried = new ArrayList<>();
            List<String> mismatches = new ArrayList<>();
            Optional<Fetched> found = local.find(need, tried, mismatches);
            if (found.isPresent()) {
                fetched.add(found.get());
            } else if (settings.offline()) {
                missing.add(new FetchMessages.Missing(need, mismatches));
            } else {
                fetched.add(downloader.download(need, tried));
            }
        }
        if (!missing.isEmpty()) {
            throw FetchMessages.offlineMissing(missing, cache.dir());
        }
        return List.copyOf(fetched);
    }
}
