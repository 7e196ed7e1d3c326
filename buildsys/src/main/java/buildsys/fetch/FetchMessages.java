package buildsys.fetch;

import common.ErrorCategory;
import common.TwoliterException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/** The user-facing errors of fetching: what failed, the value in quotes, every place tried and what to do. */
final class FetchMessages {
    private static final int HASH_PREFIX = 16;

    private FetchMessages() {
    }

    /** The lookaside failed and neither the run nor the file allows upstream. */
    static TwoliterException fallbackOff(FileNeed need, List<String> tried) {
        return notFetched(need, tried, "upstream fallback is off: pass --upstream-source-fallback or set"
                + " BUILDSYS_UPSTREAM_SOURCE_FALLBACK=true to fetch '" + need.file().url() + "'");
    }

    /** Every place, upstream included, failed for reasons other than wrong bytes from upstream. */
    static TwoliterException unreachable(FileNeed need, List<String> tried) {
        return notFetched(need, tried, "check the network and the URLs, or put the file into a directory passed"
                + " with --distdir");
    }

    /** Upstream served bytes with another digest. */
    static TwoliterException upstreamMismatch(FileNeed need, String url, String actualHex) {
        return new TwoliterException(ErrorCategory.FAILURE, "external file '" + need.file().path() + "' of "
                + need.packageLabel() + " from '" + url + "' " + mismatch(need, actualHex)
                + "; the upstream file changed or the manifest is wrong");
    }

    /** A file offline runs could not find intact, with the local copies that had other bytes. */
    record Missing(FileNeed need, List<String> mismatches) {
        Missing {
            mismatches = List.copyOf(mismatches);
        }
    }

    /** Offline, and these files are nowhere local (or only damaged copies are). */
    static TwoliterException offlineMissing(List<Missing> missing, Path cacheDir) {
        String files = missing.stream()
                .map(m -> "'" + m.need().file().path() + "' of " + m.need().packageLabel() + " (sha512 "
                        + prefix(m.need().file().sha512().hex())
                        + m.mismatches().stream().map(x -> "; " + x).collect(Collectors.joining()) + ")")
                .collect(Collectors.joining(", "));
        boolean damaged = missing.stream().anyMatch(m -> !m.mismatches().isEmpty());
        return TwoliterException.badInput("--offline: " + missing.size() + " external file"
                + (missing.size() == 1 ? " is" : "s are") + " not in the repository cache '" + cacheDir + "', beside"
                + " their spec or in a --distdir: " + files + "; "
                + (damaged ? "replace or delete the damaged file (in a vendor directory, run 'twoliter vendor'"
                + " again), " : "") + "run once without --offline to fetch them, pass"
                + " --distdir DIR with a directory holding them, or --vendor-dir DIR with a directory that"
                + " 'twoliter vendor' filled");
    }

    /** A local copy with other bytes: {@code hash mismatch: '<path>' has sha512 'ab…', expected 'cd…'}. */
    static String hashMismatch(FileNeed need, Path file, String actualHex) {
        return "hash mismatch: '" + file + "' " + mismatch(need, actualHex);
    }

    /** How a place's bytes differed, for the list of places tried. */
    static String mismatch(FileNeed need, String actualHex) {
        return "has sha512 '" + prefix(actualHex) + "', expected '" + prefix(need.file().sha512().hex()) + "'";
    }

    private static TwoliterException notFetched(FileNeed need, List<String> tried, String advice) {
        return new TwoliterException(ErrorCategory.FAILURE, "external file '" + need.file().path() + "' of "
                + need.packageLabel() + " could not be fetched: tried " + String.join(", ", tried) + "; " + advice);
    }

    private static String prefix(String hex) {
        return hex.substring(0, HASH_PREFIX) + "…";
    }
}
