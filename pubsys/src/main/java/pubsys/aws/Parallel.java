package pubsys.aws;

import common.ErrorCategory;
import common.TwoliterException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Runs AWS work for several items (usually regions) a few at a time, as upstream's {@code buffer_unordered(4)}
 * (pubsys.md §14), keeping each item's value or failure. Checked failures and SDK exceptions become outcomes; bugs
 * (other unchecked exceptions, errors) propagate.
 */
public final class Parallel {
    /** Upstream's regional fan-out. */
    public static final int REGIONS = 4;
    private static final AtomicInteger THREADS = new AtomicInteger();

    /** Work for one item. */
    @FunctionalInterface
    public interface Task<T, R> {
        R run(T item) throws TwoliterException;
    }

    /** An item's value, or the failure that replaced it. */
    public record Outcome<T, R>(T item, R value, TwoliterException error) {
        public boolean ok() {
            return error == null;
        }
    }

    private Parallel() {
    }

    /** Every region's outcome, in the order of {@code regions}, at most {@link #REGIONS} at a time. */
    public static <R> Map<String, Outcome<String, R>> perRegion(List<String> regions, Task<String, R> task)
            throws TwoliterException {
        Map<String, Outcome<String, R>> out = new LinkedHashMap<>();
        for (Outcome<String, R> o : attempt(regions, REGIONS, task)) {
            out.put(o.item(), o);
        }
        return out;
    }

    /** The values in the order of {@code items}; after all ran, the first failure (in that order) is thrown. */
    public static <T, R> List<R> map(List<T> items, int concurrency, Task<T, R> task) throws TwoliterException {
        List<R> out = new ArrayList<>();
        for (Outcome<T, R> o : attempt(items, concurrency, task)) {
            if (!o.ok()) {
                throw o.error();
            }
            out.add(o.value());
        }
        return out;
    }

    /** Each item's outcome, in the order of {@code items}. */
    public static <T, R> List<Outcome<T, R>> attempt(List<T> items, int concurrency, Task<T, R> task)
            throws TwoliterException {
        List<Outcome<T, R>> out = new ArrayList<>();
        if (items.size() <= 1 || concurrency <= 1) {
            for (T item : items) {
                out.add(one(item, task));
            }
            return out;
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(concurrency, items.size()), r -> {
            Thread t = new Thread(r, "pubsys-aws-" + THREADS.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<Outcome<T, R>>> futures = new ArrayList<>();
            for (T item : items) {
                futures.add(pool.submit(() -> one(item, task)));
            }
            for (Future<Outcome<T, R>> f : futures) {
                out.add(f.get());
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TwoliterException(ErrorCategory.FAILURE, "interrupted while waiting for AWS calls");
        } catch (ExecutionException e) {
            // one() keeps checked failures; what reaches here is a bug and stays unchecked.
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private static <T, R> Outcome<T, R> one(T item, Task<T, R> task) {
        try {
            return new Outcome<>(item, task.run(item), null);
        } catch (TwoliterException e) {
            return new Outcome<>(item, null, e);
        } catch (SdkException e) {
            // Tasks translate their own calls; this catches what slips through, such as credential refreshes.
            return new Outcome<>(item, null, AwsErrors.failure("AWS call", String.valueOf(item), e));
        }
    }
}
