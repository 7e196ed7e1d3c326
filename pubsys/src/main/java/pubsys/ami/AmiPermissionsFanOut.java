package pubsys.ami;

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
import pubsys.aws.AwsErrors;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Runs one task per region, at most four at a time as upstream's {@code buffer_unordered(4)} (pubsys.md §14), and
 * keeps each region's value or failure so that the caller decides whether one region's failure stops the others.
 * Used by {@link AmiPermissions} and {@link AmiValidator}.
 */
final class AmiPermissionsFanOut {
    static final int CONCURRENCY = 4;

    /** Work for one region. */
    @FunctionalInterface
    interface RegionTask<T> {
        T run(String region) throws TwoliterException;
    }

    /** A region's value, or the failure that replaced it. */
    record Outcome<T>(String region, T value, TwoliterException error) {
        boolean ok() {
            return error == null;
        }
    }

    private AmiPermissionsFanOut() {
    }

    /** The outcome of {@code task} for every region, in the order of {@code regions}. */
    static <T> Map<String, Outcome<T>> run(List<String> regions, RegionTask<T> task) throws TwoliterException {
        Map<String, Outcome<T>> out = new LinkedHashMap<>();
        if (regions.isEmpty()) {
            return out;
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(CONCURRENCY, regions.size()), r -> {
            Thread t = new Thread(r, "pubsys-region");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<Outcome<T>>> futures = new ArrayList<>();
            for (String region : regions) {
                futures.add(pool.submit(() -> attempt(region, task)));
            }
            for (Future<Outcome<T>> f : futures) {
                Outcome<T> o = f.get();
                out.put(o.region(), o);
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TwoliterException(ErrorCategory.FAILURE, "interrupted while waiting for regional AWS calls");
        } catch (ExecutionException e) {
            // attempt() keeps checked failures; what reaches here is a bug and stays unchecked.
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

    private static <T> Outcome<T> attempt(String region, RegionTask<T> task) {
        try {
            return new Outcome<>(region, task.run(region), null);
        } catch (TwoliterException e) {
            return new Outcome<>(region, null, e);
        } catch (SdkException e) {
            // Tasks translate their own calls; this catches what slips through, such as credential refreshes.
            return new Outcome<>(region, null, AwsErrors.failure("AWS call", region, e));
        }
    }
}
