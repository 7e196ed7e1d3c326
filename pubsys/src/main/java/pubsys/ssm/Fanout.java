package pubsys.ssm;

import common.ErrorCategory;
import common.TwoliterException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/** Runs a task per item on a few threads, like upstream's {@code buffer_unordered(n)}, and keeps the input order. */
final class Fanout {
    @FunctionalInterface
    interface Task<T, R> {
        R apply(T item) throws TwoliterException;
    }

    private static final AtomicInteger THREADS = new AtomicInteger();

    private Fanout() {
    }

    /** The results in the order of {@code items}; the first failure (in that order) is thrown after all ran. */
    static <T, R> List<R> map(List<T> items, int concurrency, Task<T, R> task) throws TwoliterException {
        if (items.isEmpty()) {
            return List.of();
        }
        if (items.size() == 1 || concurrency <= 1) {
            List<R> out = new ArrayList<>();
            for (T item : items) {
                out.add(task.apply(item));
            }
            return out;
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(concurrency, items.size()), r -> {
            Thread t = new Thread(r, "pubsys-ssm-" + THREADS.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            List<Callable<R>> calls = new ArrayList<>();
            for (T item : items) {
                calls.add(() -> task.apply(item));
            }
            List<R> out = new ArrayList<>();
            for (Future<R> f : pool.invokeAll(calls)) {
                out.add(unwrap(f));
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TwoliterException(ErrorCategory.FAILURE, "interrupted while calling SSM");
        } finally {
            pool.shutdownNow();
        }
    }

    private static <R> R unwrap(Future<R> f) throws TwoliterException, InterruptedException {
        try {
            return f.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TwoliterException t) {
                throw t;
            }
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        }
    }
}
