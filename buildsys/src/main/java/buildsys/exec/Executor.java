package buildsys.exec;

import buildsys.cache.ActionCache;
import buildsys.cache.ActionResult;
import buildsys.cache.CacheResult;
import buildsys.cache.ContentStore;
import buildsys.cache.CorruptObjectException;
import buildsys.container.RuntimeProvider;
import buildsys.fetch.SourceFetcher;
import buildsys.manifest.Workspace;
import buildsys.plan.Action;
import buildsys.plan.ActionKind;
import common.TwoliterException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The execution phase: runs a plan's actions in parallel, each after its dependencies, longest critical path first.
 * Each action is looked up in the action cache first; a hit only materializes outputs, a miss runs the step and
 * records the result (outputs into the content store first, the cache entry last).
 */
public final class Executor {
    private final Workspace workspace;
    private final RuntimeProvider runtime;
    private final SourceFetcher fetcher;
    private final BuildListener listener;

    /** {@code runtime} is opened only if some action has to run; the caller closes what it opened. */
    public Executor(Workspace workspace, RuntimeProvider runtime, SourceFetcher fetcher, BuildListener listener) {
        this.workspace = workspace;
        this.runtime = runtime;
        this.fetcher = fetcher;
        this.listener = listener;
    }

    public BuildSummary execute(ExecutionRequest request) throws TwoliterException {
        try (ProjectLock lock = ProjectLock.acquire(workspace.root(), listener)) {
            ContentStore store = new ContentStore(request.cacheRoot());
            ActionCache cache = new ActionCache(request.cacheRoot(), store);
            StepContext context = new StepContext(workspace, runtime, store, request, fetcher, listener);
            Map<String, CacheResult> lookups = new HashMap<>();
            for (Action action : request.plan().actions()) {
                if (action.kind() != ActionKind.SDK) {
                    lookups.put(action.id(), cache.lookup(action.key()));
                }
            }
            // Fetch every missing source of every action that will run before any container starts, so --offline
            // can list all that is missing at once.
            context.prefetch(request.plan().actions().stream()
                    .filter(a -> lookups.get(a.id()) instanceof CacheResult.Miss).toList());
            return new Run(request, context, cache, lookups).run();
        }
    }

    /** The scheduling state of one execution. */
    private final class Run {
        private final ExecutionRequest request;
        private final StepContext context;
        private final ActionCache cache;
        private final Map<String, CacheResult> lookups;
        private final Map<String, Action> byId = new HashMap<>();
        private final Map<String, Integer> criticalPath = new HashMap<>();
        private final List<ActionOutcome> outcomes = new ArrayList<>();

        Run(ExecutionRequest request, StepContext context, ActionCache cache, Map<String, CacheResult> lookups) {
            this.request = request;
            this.context = context;
            this.cache = cache;
            this.lookups = lookups;
            request.plan().actions().forEach(a -> byId.put(a.id(), a));
            computeCriticalPaths();
        }

        BuildSummary run() throws TwoliterException {
            Comparator<Action> priority = Comparator.<Action>comparingInt(a -> -criticalPath.get(a.id()))
                    .thenComparing(Action::id);
            PriorityQueue<Action> ready = new PriorityQueue<>(priority);
            Map<String, Integer> pending = new HashMap<>();
            Map<String, List<Action>> dependents = new HashMap<>();
            for (Action action : request.plan().actions()) {
                pending.put(action.id(), action.dependencies().size());
                action.dependencies().keySet().forEach(d -> dependents.computeIfAbsent(d, k -> new ArrayList<>())
                        .add(action));
                if (action.dependencies().isEmpty()) {
                    ready.add(action);
                }
            }
            ExecutorService pool = Executors.newFixedThreadPool(request.jobs(), r -> {
                Thread thread = new Thread(r, "twoliter-action");
                thread.setDaemon(true);
                return thread;
            });
            CompletionService<ActionOutcome> done = new ExecutorCompletionService<>(pool);
            Set<String> failedOrSkipped = new HashSet<>();
            int running = 0;
            boolean stopping = false;
            try {
                while (!ready.isEmpty() || running > 0) {
                    while (!ready.isEmpty() && running < request.jobs() && !stopping) {
                        Action next = ready.poll();
                        done.submit(() -> runAction(next));
                        running++;
                    }
                    if (running == 0) {
                        break;
                    }
                    ActionOutcome outcome = take(done);
                    running--;
                    outcomes.add(outcome);
                    listener.finished(outcome);
                    if (outcome.status() == ActionStatus.FAILED) {
                        failedOrSkipped.add(outcome.action().id());
                        stopping = !request.keepGoing();
                    }
                    for (Action parent : dependents.getOrDefault(outcome.action().id(), List.of())) {
                        if (pending.merge(parent.id(), -1, Integer::sum) == 0) {
                            boolean blocked = parent.dependencies().keySet().stream()
                                    .anyMatch(failedOrSkipped::contains);
                            if (blocked) {
                                failedOrSkipped.add(parent.id());
                                skip(parent, "a dependency failed", dependents, pending, failedOrSkipped);
                            } else {
                                ready.add(parent);
                            }
                        }
                    }
                }
            } finally {
                pool.shutdownNow();
            }
            Set<String> ended = new HashSet<>();
            outcomes.forEach(o -> ended.add(o.action().id()));
            for (Action action : request.plan().actions()) {
                if (!ended.contains(action.id())) {
                    ActionOutcome skipped = new ActionOutcome(action, ActionStatus.SKIPPED, Duration.ZERO,
                            "the build stopped after a failure", Optional.empty());
                    outcomes.add(skipped);
                    listener.finished(skipped);
                }
            }
            return new BuildSummary(outcomes);
        }

        private void skip(Action action, String why, Map<String, List<Action>> dependents,
                          Map<String, Integer> pending, Set<String> failedOrSkipped) {
            ActionOutcome skipped = new ActionOutcome(action, ActionStatus.SKIPPED, Duration.ZERO, why,
                    Optional.empty());
            outcomes.add(skipped);
            listener.finished(skipped);
            for (Action parent : dependents.getOrDefault(action.id(), List.of())) {
                if (pending.merge(parent.id(), -1, Integer::sum) == 0 && failedOrSkipped.add(parent.id())) {
                    skip(parent, why, dependents, pending, failedOrSkipped);
                }
            }
        }

        private ActionOutcome take(CompletionService<ActionOutcome> done) throws TwoliterException {
            try {
                Future<ActionOutcome> future = done.take();
                return future.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw TwoliterException.badInput("the build was interrupted");
            } catch (ExecutionException e) {
                // runAction catches everything it expects; anything else is a bug.
                throw new IllegalStateException("action crashed", e.getCause());
            }
        }

        private ActionOutcome runAction(Action action) {
            Instant start = Instant.now();
            String reason = "";
            try {
                if (action.kind() == ActionKind.SDK) {
                    if (lookups.values().stream().noneMatch(l -> l instanceof CacheResult.Miss)) {
                        // Every action is cached: the SDK is not needed, and neither is the engine.
                        context.deferSdk(action);
                        return outcome(action, ActionStatus.CACHED, start, "not needed: every action is cached");
                    }
                    boolean built = context.sdk(action);
                    return outcome(action, built ? ActionStatus.EXECUTED : ActionStatus.CACHED, start,
                            built ? "the SDK image for this recipe does not exist yet" : "the SDK image exists");
                }
                CacheResult lookup = lookups.get(action.id());
                String missReason;
                if (lookup instanceof CacheResult.Hit hit) {
                    try {
                        context.materialize(action, hit.result());
                        context.recordState(action);
                        return outcome(action, ActionStatus.CACHED, start, "cached");
                    } catch (CorruptObjectException e) {
                        // The store dropped the bad object; run the action as if it had never been cached.
                        missReason = "a cached output was corrupt (" + e.getMessage() + ")";
                        context.prefetch(List.of(action));
                    }
                } else {
                    missReason = ((CacheResult.Miss) lookup).reason();
                }
                reason = context.explain(action, missReason);
                listener.started(action, reason);
                ActionResult result = context.execute(action);
                cache.record(action.key(), result);
                context.materialize(action, result);
                context.recordState(action);
                return outcome(action, ActionStatus.EXECUTED, start, reason);
            } catch (TwoliterException e) {
                return failed(action, start, reason, e, e.getMessage());
            } catch (java.io.IOException | RuntimeException e) {
                return failed(action, start, reason, e, describe(action) + " failed: " + e);
            }
        }

        /** A failed action; a full disk is reported with the file and which disk, whatever the step made of it. */
        private ActionOutcome failed(Action action, Instant start, String reason, Exception e, String message) {
            String explained = DiskFull.explain(e, describe(action), request.cacheRoot(),
                    context.root().resolve("build")).orElse(message);
            return new ActionOutcome(action, ActionStatus.FAILED, Duration.between(start, Instant.now()), reason,
                    Optional.of(explained));
        }

        private static String describe(Action action) {
            return action.kind().id() + " " + action.target() + " (" + action.arch() + ")";
        }

        private ActionOutcome outcome(Action action, ActionStatus status, Instant start, String reason) {
            return new ActionOutcome(action, status, Duration.between(start, Instant.now()), reason,
                    Optional.empty());
        }

        /** Longest chain of actions from each action to the end of the build, counted in actions. */
        private void computeCriticalPaths() {
            List<Action> order = request.plan().actions();
            Map<String, List<String>> parents = new HashMap<>();
            for (Action action : order) {
                action.dependencies().keySet().forEach(d -> parents.computeIfAbsent(d, k -> new ArrayList<>())
                        .add(action.id()));
            }
            for (int i = order.size() - 1; i >= 0; i--) {
                String id = order.get(i).id();
                int longest = parents.getOrDefault(id, List.of()).stream().mapToInt(criticalPath::get).max()
                        .orElse(0);
                criticalPath.put(id, longest + 1);
            }
        }
    }
}
