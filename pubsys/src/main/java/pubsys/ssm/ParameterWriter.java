package pubsys.ssm;

import common.ErrorCategory;
import common.TwoliterException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import pubsys.PublishLog;
import pubsys.aws.Parallel;
import pubsys.aws.Sleeper;

/**
 * Sets parameters with upstream's pacing (pubsys.md §12 "PutParameter loop", §14): in batches, each region's requests
 * one per interval and regions four at a time. A throttled request is sent again in the next batch without counting
 * as a failure, and the interval doubles once per throttled batch, from 100 ms up to 1.6 s; beyond that the run
 * fails. Other failures are retried in later batches up to five attempts.
 */
final class ParameterWriter {
    static final Duration FIRST_INTERVAL = Duration.ofMillis(100);
    static final Duration MAX_INTERVAL = Duration.ofMillis(1600);
    static final int MAX_ATTEMPTS = 5;
    static final int REGION_CONCURRENCY = 4;

    private record Request(SsmKey key, String value, int failures) {
    }

    private record Sent(Request request, ParameterStore.Put outcome) {
    }

    private final ParameterStore store;
    private final Sleeper sleeper;
    private final PublishLog log;

    ParameterWriter(ParameterStore store, Sleeper sleeper, PublishLog log) {
        this.store = store;
        this.sleeper = sleeper;
        this.log = log;
    }

    void put(SortedMap<SsmKey, String> parameters) throws TwoliterException {
        List<Request> pending = new ArrayList<>();
        parameters.forEach((key, value) -> pending.add(new Request(key, value, 0)));
        List<Sent> failed = new ArrayList<>();
        Duration interval = FIRST_INTERVAL;
        boolean slowDown = false;
        while (!pending.isEmpty()) {
            if (slowDown) {
                interval = interval.multipliedBy(2);
                log.warn("SSM throttled requests; slowing to one request per " + interval.toMillis() + " ms in each"
                        + " region");
            }
            slowDown = false;
            if (interval.compareTo(MAX_INTERVAL) > 0) {
                throw new TwoliterException(ErrorCategory.FAILURE, "SSM requests throttled too many times, went"
                        + " beyond our max interval 1.6s; " + pending.size() + " parameters were not set, try again"
                        + " later");
            }
            List<Request> retry = new ArrayList<>();
            for (Sent sent : batch(pending, interval)) {
                Request r = sent.request();
                if (sent.outcome() instanceof ParameterStore.Put.Throttled) {
                    slowDown = true;
                    retry.add(r);
                } else if (sent.outcome() instanceof ParameterStore.Put.Failed) {
                    if (r.failures() + 1 >= MAX_ATTEMPTS) {
                        failed.add(sent);
                    } else {
                        retry.add(new Request(r.key(), r.value(), r.failures() + 1));
                    }
                }
            }
            pending.clear();
            pending.addAll(retry);
        }
        report(failed, parameters.size());
    }

    private List<Sent> batch(List<Request> requests, Duration interval) throws TwoliterException {
        Map<String, List<Request>> byRegion = new TreeMap<>();
        for (Request r : requests) {
            byRegion.computeIfAbsent(r.key().region(), k -> new ArrayList<>()).add(r);
        }
        List<List<Sent>> perRegion = Parallel.map(List.copyOf(byRegion.values()), REGION_CONCURRENCY,
                regional -> paced(regional, interval));
        return perRegion.stream().flatMap(List::stream).toList();
    }

    // One request per interval in a region: upstream's throttled stream, whose total time is one interval a request.
    private List<Sent> paced(List<Request> requests, Duration interval) throws TwoliterException {
        List<Sent> sent = new ArrayList<>();
        for (Request r : requests) {
            try {
                sleeper.sleep(interval);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TwoliterException(ErrorCategory.FAILURE, "interrupted while setting SSM parameters");
            }
            sent.add(new Sent(r, store.put(r.key().region(), r.key().name(), r.value())));
        }
        return sent;
    }

    // Upstream's message counts the regions with failures (a QUIRK, pubsys.md §12); ours counts the parameters, as
    // the wording says.
    private void report(List<Sent> failed, int total) throws TwoliterException {
        if (failed.isEmpty()) {
            return;
        }
        for (Sent s : failed) {
            String why = ((ParameterStore.Put.Failed) s.outcome()).message();
            log.error("Failed to set " + s.request().key().name() + " to " + s.request().value() + " in "
                    + s.request().key().region() + ": " + why);
        }
        throw new TwoliterException(ErrorCategory.FAILURE, "Failed to set " + failed.size() + " of " + total
                + " parameters; see the errors above");
    }
}
