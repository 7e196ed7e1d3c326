package twoliter.cli;

import buildsys.container.ContainerRuntime;
import buildsys.container.DockerJavaRuntime;
import buildsys.exec.BuildSummary;
import buildsys.exec.ExecutionRequest;
import buildsys.exec.Executor;
import buildsys.exec.GoBundleSettings;
import buildsys.fetch.FetchSettings;
import buildsys.fetch.HttpTransport;
import buildsys.fetch.SourceFetcher;
import buildsys.kits.ExternalKits;
import buildsys.kits.KitRef;
import buildsys.manifest.Label;
import buildsys.plan.Action;
import buildsys.plan.BuildIdentity;
import buildsys.plan.BuildPlan;
import buildsys.plan.PlanRequest;
import common.Arch;
import common.ErrorCategory;
import common.TwoliterException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import twoliter.kits.ComposedKits;
import twoliter.project.BuildId;
import twoliter.project.ImageRef;
import twoliter.project.Project;

/** Plans a build for some targets, then prints the plan (--dry-run) or executes it. */
final class BuildRun {
    private final TwoliterCommand root;
    private final BuildCommand.Options options;
    private final Map<String, String> env;
    /** Detected once per run: it asks git (a process) unless BUILDSYS_VERSION_BUILD is set. */
    private String buildId;

    BuildRun(TwoliterCommand root, BuildCommand.Options options) {
        this(root, options, root.environment().env());
    }

    /** For make tasks, whose -e assignments are laid over the environment. */
    BuildRun(TwoliterCommand root, BuildCommand.Options options, Map<String, String> env) {
        this.root = root;
        this.options = options;
        this.env = Map.copyOf(env);
    }

    int run(List<Label> targets, String what) throws TwoliterException {
        Project project = root.project();
        Arch arch = options.arch != null ? Arch.parse(options.arch, "--arch")
                : env.containsKey("BUILDSYS_ARCH") && !env.get("BUILDSYS_ARCH").isBlank()
                ? Arch.parse(env.get("BUILDSYS_ARCH"), "BUILDSYS_ARCH") : Arch.host();
        BuildPlan plan = plan(targets, arch);
        Console console = root.console();
        plan.warnings().forEach(console::warn);
        twoliter.kits.Kits.overridden(project).forEach(image -> console.info("override in effect: " + image));
        for (ComposedKits.Entry kit : root.composedKits().entries()) {
            console.info("kit " + kit.kit() + " is built from source in " + kit.projectRoot() + " as "
                    + kit.label());
        }
        if (options.dryRun) {
            printPlan(console, plan, arch);
            writeEvents(EventsFile.planned(plan.actions()));
            return 0;
        }
        execute(plan, what, arch);
        return 0;
    }

    /** Executes a plan, reporting what ran; fails when an action failed. */
    void execute(BuildPlan plan, String what, Arch arch) throws TwoliterException {
        Console console = root.console();
        BuildSummary summary = execute(plan, root.project(), buildId(), console);
        writeEvents(EventsFile.executed(summary));
        console.info(String.format("%s for %s: %d actions, %d executed, %d cached, %d failed, %d skipped", what,
                arch, summary.outcomes().size(), summary.count(buildsys.exec.ActionStatus.EXECUTED),
                summary.count(buildsys.exec.ActionStatus.CACHED), summary.count(buildsys.exec.ActionStatus.FAILED),
                summary.count(buildsys.exec.ActionStatus.SKIPPED)));
        if (!summary.succeeded()) {
            throw new TwoliterException(ErrorCategory.FAILURE, "the build of " + what + " failed; the errors are"
                    + " above");
        }
    }

    /** Plans the targets for one architecture, without executing anything. */
    private String buildId() throws TwoliterException {
        if (buildId == null) {
            buildId = BuildId.detect(root.project().root(), env);
        }
        return buildId;
    }

    BuildPlan plan(List<Label> targets, Arch arch) throws TwoliterException {
        Project project = root.project();
        BuildIdentity identity = new BuildIdentity(project.config().releaseVersion(),
                buildId(), env.getOrDefault("BUILDSYS_NAME", "bottlerocket"),
                env.getOrDefault("BUILDSYS_PRETTY_NAME", "Bottlerocket OS"));
        // Builds trust what fetch unpacked: they read the metadata and kit directories, never a registry. Kits
        // built from source are not fetched.
        ComposedKits composed = root.composedKits();
        ExternalKits externalKits = ExternalKits.load(project.root(), fetchedKits(project, composed), arch);
        PlanRequest request = new PlanRequest(targets, arch, Arch.host(), project.sdk(), identity, externalKits,
                composed.planned());
        BuildPlan plan = root.buildsys().plan(request);
        if (composed.warnings().isEmpty()) {
            return plan;
        }
        List<String> warnings = new ArrayList<>(composed.warnings());
        warnings.addAll(plan.warnings());
        return new BuildPlan(plan.actions(), warnings);
    }

    /**
     * The kits fetch must have unpacked: Twoliter.toml's but those built from source, and, when some are, the
     * lock's other kits too, since the kits a composed project needs are named only there.
     */
    private static List<KitRef> fetchedKits(Project project, ComposedKits composed) {
        Map<String, KitRef> kits = new LinkedHashMap<>();
        List<ImageRef> wanted = new ArrayList<>(project.config().kits());
        if (!composed.isEmpty()) {
            project.lock().ifPresent(lock -> lock.kits().forEach(k -> wanted.add(k.image())));
        }
        for (ImageRef kit : wanted) {
            if (!composed.contains(kit.vendor(), kit.name())) {
                kits.putIfAbsent(kit.vendor() + "/" + kit.name(), new KitRef(kit.name(), kit.vendor(), kit.version()));
            }
        }
        return List.copyOf(kits.values());
    }

    private BuildSummary execute(BuildPlan plan, Project project, String buildId, Console console)
            throws TwoliterException {
        int jobs = options.jobs != null ? options.jobs : env.containsKey("BUILDSYS_JOBS")
                ? parseJobs(env.get("BUILDSYS_JOBS")) : Runtime.getRuntime().availableProcessors();
        if (jobs < 1) {
            throw TwoliterException.badInput("--jobs must be at least 1, got " + jobs);
        }
        Path cacheRoot = cacheRoot();
        String lookaside = options.lookasideCache != null ? options.lookasideCache
                : env.getOrDefault("BUILDSYS_LOOKASIDE_CACHE", FetchSettings.DEFAULT_LOOKASIDE.toString());
        Optional<Path> vendorDir = VendorDirs.resolve(root, options.vendorDir);
        List<Path> distdirs = new ArrayList<>(
                options.distdirs.stream().map(d -> root.environment().workingDir().resolve(d)).toList());
        vendorDir.map(VendorDirs::files).ifPresent(distdirs::add);
        FetchSettings fetch = new FetchSettings(FetchSettings.parseLookaside(lookaside),
                options.upstreamSourceFallback || FetchSettings.fallbackEnabled(
                        env.get("BUILDSYS_UPSTREAM_SOURCE_FALLBACK")), options.offline, distdirs,
                cacheRoot.resolve("repository"));
        ExecutionRequest request = new ExecutionRequest(plan, jobs, options.keepGoing, cacheRoot, buildId,
                BuildId.timestamp(project.root(), env), vendorDir.map(d -> d.resolve("sdk")),
                GoBundleSettings.from(env, options.offline, vendorDir.map(d -> d.resolve("go-bundles"))));
        ProgressListener listener = new ProgressListener(console, plan.actions().size(), options.explain);
        SourceFetcher fetcher = new SourceFetcher(fetch, new HttpTransport(VersionProvider.version()));
        // The engine is connected to only if some action has to run.
        ContainerRuntime[] opened = new ContainerRuntime[1];
        try {
            BuildSummary summary = new Executor(root.buildsys().workspace(),
                    () -> opened[0] = DockerJavaRuntime.connect(env), fetcher, listener).execute(request);
            listener.done();
            return summary;
        } finally {
            if (opened[0] != null) {
                opened[0].close();
            }
        }
    }

    private static int parseJobs(String value) throws TwoliterException {
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw TwoliterException.badInput("BUILDSYS_JOBS must be a number, got '" + value + "'");
        }
    }

    private Path cacheRoot() {
        return cacheRoot(root, options.cacheDir, env);
    }

    /** {@code --cache-dir}, else TWOLITER_CACHE_DIR, else the XDG cache directory's twoliter/. */
    static Path cacheRoot(TwoliterCommand root, Path flag, Map<String, String> env) {
        if (flag != null) {
            return root.environment().workingDir().resolve(flag);
        }
        if (env.containsKey("TWOLITER_CACHE_DIR")) {
            return Path.of(env.get("TWOLITER_CACHE_DIR"));
        }
        String xdg = env.get("XDG_CACHE_HOME");
        return (xdg != null ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache")).resolve("twoliter");
    }

    private void writeEvents(byte[] events) throws TwoliterException {
        if (options.events == null) {
            return;
        }
        Path file = root.environment().workingDir().resolve(options.events);
        try {
            common.AtomicFiles.write(file, events);
        } catch (IOException e) {
            throw new TwoliterException(ErrorCategory.FAILURE, "cannot write events file '" + file + "': "
                    + e.getMessage());
        }
    }

    private static void printPlan(Console console, BuildPlan plan, Arch arch) {
        console.info("plan for " + arch + ": " + plan.actions().size() + " actions (--dry-run: nothing executed)");
        int width = plan.actions().stream().mapToInt(a -> a.target().length()).max().orElse(0);
        for (Action action : plan.actions()) {
            console.result(String.format("%-8s %-" + width + "s %-7s %-6s %s", action.kind().id(),
                    action.target(), action.arch().id(), action.step(), action.key()));
        }
    }
}
