package buildsys.fetch;

import buildsys.manifest.ExternalFile;
import buildsys.manifest.Sha512;
import common.Causes;
import common.TwoliterException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;

/**
 * The network places, in DESIGN.md §3's order: the lookaside, then the upstream URL if the run or the file allows
 * it (buildsys.md §3.2: {@code force-upstream} does not skip the lookaside; it only permits the fallback).
 */
final class Downloader {
    private final FetchSettings settings;
    private final Transport transport;
    private final RepositoryCache cache;

    Downloader(FetchSettings settings, Transport transport, RepositoryCache cache) {
        this.settings = settings;
        this.transport = transport;
        this.cache = cache;
    }

    /** Downloads {@code need} into the cache; {@code tried} holds the places already looked at, for the error. */
    Fetched download(FileNeed need, List<String> tried) throws TwoliterException {
        ExternalFile file = need.file();
        URI lookaside = LookasideUrl.of(settings.lookaside(), file.path(), file.sha512());
        Outcome fromLookaside = get(lookaside, file.sha512());
        if (fromLookaside instanceof Outcome.Stored stored) {
            return new Fetched(need, stored.path(), FetchOrigin.LOOKASIDE);
        }
        tried.add("the lookaside '" + lookaside + "' (" + describe(need, fromLookaside) + ")");
        if (!settings.upstreamFallback() && !file.forceUpstream()) {
            throw FetchMessages.fallbackOff(need, tried);
        }
        Outcome fromUpstream = upstream(file);
        if (fromUpstream instanceof Outcome.Stored stored) {
            return new Fetched(need, stored.path(), FetchOrigin.UPSTREAM);
        }
        if (fromUpstream instanceof Outcome.Mismatch mismatch) {
            throw FetchMessages.upstreamMismatch(need, file.url(), mismatch.actualHex());
        }
        tried.add("upstream '" + file.url() + "' (" + describe(need, fromUpstream) + ")");
        throw FetchMessages.unreachable(need, tried);
    }

    private Outcome upstream(ExternalFile file) throws TwoliterException {
        try {
            return get(new URI(file.url()), file.sha512());
        } catch (URISyntaxException e) {
            return new Outcome.Unavailable("not a valid URL: " + e.getReason());
        }
    }

    private Outcome get(URI uri, Sha512 sha512) throws TwoliterException {
        try (InputStream body = transport.fetch(uri)) {
            return cache.store(body, sha512);
        } catch (NotFoundException e) {
            return new Outcome.Unavailable(e.status());
        } catch (IOException e) {
            return new Outcome.Unavailable(Causes.describe(e));
        }
    }

    private static String describe(FileNeed need, Outcome failure) {
        return failure instanceof Outcome.Mismatch mismatch
                ? "served a file that " + FetchMessages.mismatch(need, mismatch.actualHex())
                : ((Outcome.Unavailable) failure).reason();
    }
}
