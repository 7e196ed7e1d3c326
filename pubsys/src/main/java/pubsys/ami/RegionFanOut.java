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

/**
 * Runs one task per region, four at a time as upstream's {@code buffer_unordered(4)}, and returns each region's value
 * or failure in the order the regions were given. Unchecked exceptions are bugs and propagate.
 */
final class RegionFanOut {
    static final int CONCURRENCY = 4;

    @FunctionalInterface
    interface Task<T> {
        T run(String region) throws TwoliterException;
    }

    /** A region's value or its failure. */
    sealed interface Outcome<T> {
    }

    record Ok<T>(T value) implements Outcome<T> {
    }

    record Failed<T>(TwoliterException error) implements Outcome<T> {
    }

    private RegionFanOut() {
    }

    static <T> Map<String, Outcome<T>> run(List<String> regions, Task<T> task) throws TwoliterException {
        Map<String, Outcome<T>> out = new LinkedHashMap<>();
        if (regions.isEmpty()) {
            return out;
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(CONCURRENCY, regions.size()), r -> {
            Thread t = new Thread(r, "region-fan-out");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<Outcome<T>>> futures = new ArrayList<>();
            for (String region : regions) {
                futures.add(pool.submit(() -> {
                    try {
                        return new Ok<>(task.run(region));
                    } catch (TwoliterException e) {
                        return new Failed<>(e);
                    }
                }));
            }
            for (int i = 0; i < regions.size(); i++) {
                out.put(regions.get(i), futures.get(i).get());
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TwoliterException(ErrorCategory.FAILURE, "interrupted while working on regions " + regions);
        } catch (ExecutionException e) {
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
}
