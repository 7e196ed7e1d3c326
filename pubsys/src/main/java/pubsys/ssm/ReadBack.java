package pubsys.ssm;

import common.ErrorCategory;
import common.TwoliterException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import pubsys.PublishLog;
import pubsys.aws.Sleeper;

/**
 * Checks that SSM now holds the values just set (pubsys.md §12 "Validate"), asking again a few times because SSM
 * reads can lag its writes.
 */
final class ReadBack {
    // Upstream waits U[0,1) x 2000^n ms (a QUIRK: the base is exponentiated, so the third wait could last months). We
    // wait 2, 4 and 8 s: the doubling upstream meant, bounded, without jitter.
    static final List<Duration> RETRY_DELAYS = List.of(Duration.ofSeconds(2), Duration.ofSeconds(4),
            Duration.ofSeconds(8));

    private final ParameterFetcher fetcher;
    private final Sleeper sleeper;
    private final PublishLog log;

    ReadBack(ParameterFetcher fetcher, Sleeper sleeper, PublishLog log) {
        this.fetcher = fetcher;
        this.sleeper = sleeper;
        this.log = log;
    }

    void verify(SortedMap<SsmKey, String> expected) throws TwoliterException {
        for (int attempt = 0; ; attempt++) {
            boolean last = attempt == RETRY_DELAYS.size();
            List<String> problems;
            try {
                problems = problems(expected, fetcher.fetch(expected.keySet()));
            } catch (TwoliterException e) {
                if (last) {
                    throw e;
                }
                problems = List.of(e.getMessage());
            }
            if (problems.isEmpty()) {
                return;
            }
            if (last) {
                problems.forEach(log::error);
                throw new TwoliterException(ErrorCategory.FAILURE, "Failed to validate all changes; see above.");
            }
            problems.forEach(log::warn);
            Duration delay = RETRY_DELAYS.get(attempt);
            log.info("SSM does not show every change yet; checking again in " + delay.toSeconds() + " s");
            try {
                sleeper.sleep(delay);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TwoliterException(ErrorCategory.FAILURE, "interrupted while validating SSM parameters");
            }
        }
    }

    private static List<String> problems(Map<SsmKey, String> expected, Map<SsmKey, String> actual) {
        List<String> problems = new ArrayList<>();
        expected.forEach((key, value) -> {
            String now = actual.get(key);
            if (now == null) {
                problems.add(key.name() + " in " + key.region() + " still doesn't exist");
            } else if (!now.equals(value)) {
                problems.add("Failed to set " + key.name() + " in " + key.region());
            }
        });
        return problems;
    }
}
