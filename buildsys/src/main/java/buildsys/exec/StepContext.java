package buildsys.exec;

import buildsys.cache.ActionResult;
import buildsys.cache.ContentStore;
import buildsys.cache.OutputFile;
import buildsys.container.ContainerRuntime;
import buildsys.container.RuntimeProvider;
import buildsys.container.TarInput;
import buildsys.fetch.FileNeed;
import buildsys.fetch.Fetched;
import buildsys.fetch.SourceFetcher;
import buildsys.kits.ExternalKitEnv;
import buildsys.manifest.ExternalFile;
import buildsys.manifest.Label;
import buildsys.manifest.Manifest;
import buildsys.manifest.PackageSpec;
import buildsys.manifest.Workspace;
import buildsys.plan.Action;
import buildsys.plan.ActionKind;
import common.ErrorCategory;
import common.TwoliterException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/** What steps share during one execution: services, fetched sources, the SDK image and finished results. */
final class StepContext {
    private final Workspace workspace;
    private final RuntimeProvider runtimeProvider;
    private final BuildListener listener;
    private final ContentStore store;
    private final ExecutionRequest request;
    private final SourceFetcher fetcher;
    private final Explainer explainer;
    private final Map<String, Path> fetched = new ConcurrentHashMap<>();
    private final Map<String, Finished> finished = new ConcurrentHashMap<>();
    private ContainerRuntime runtime;
    private Action deferredSdk;
    private volatile String sdkImage;

    /** A finished action and its result, for the actions that depend on it. */
    private record Finished(Action action, ActionResult result) {
    }

    StepContext(Workspace workspace, RuntimeProvider runtimeProvider, ContentStore store, ExecutionRequest request,
                SourceFetcher fetcher, BuildListener listener) {
        this.workspace = workspace;
        this.runtimeProvider = runtimeProvider;
        this.listener = listener;
        this.store = store;
        this.request = request;
        this.fetcher = fetcher;
        this.explainer = new Explainer(workspace.root());
    }

    /** The main project's root: the build directory, logs and state are there, for composed targets too. */
    Path root() {
        return workspace.root();
    }

    /** The root of the project an action's target belongs to, which its input paths are relative to. */
    Path sourceRoot(Action action) {
        return workspace.rootOf(Label.parse(action.target()));
    }

    /** The container runtime, opened on first use (and then cleared of containers a killed run left behind). */
    synchronized ContainerRuntime runtime() throws TwoliterException {
        if (runtime == null) {
            runtime = runtimeProvider.open();
            runtime.removeOrphans().forEach(listener::debug);
        }
        return runtime;
    }

    ExecutionRequest request() {
        return request;
    }

    /** The SDK image; when its action was deferred because everything looked cached, it is made ready now. */
    String sdkImage() throws TwoliterException {
        synchronized (this) {
            if (sdkImage == null && deferredSdk != null) {
                new SdkStep(this).ensure(deferredSdk, listener);
            }
        }
        return sdkImage;
    }

    synchronized void deferSdk(Action action) {
        deferredSdk = action;
    }

    Manifest manifest(Action action) {
        return workspace.manifest(Label.parse(action.target())).orElseThrow();
    }

    /** The fetched, verified copy of an external file (in the repository cache). */
    Path fetchedFile(Action action, ExternalFile file) {
        return fetched.get(action.target() + " " + file.path());
    }

    /** Makes sure the SDK image exists; true when it had to be built or pulled. */
    boolean sdk(Action action) throws TwoliterException {
        return new SdkStep(this).ensure(action, listener);
    }

    void sdkImage(String image) {
        this.sdkImage = image;
    }

    void prefetch(List<Action> toRun) throws TwoliterException {
        List<FileNeed> needs = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        List<String> needNetwork = new ArrayList<>();
        for (Action action : toRun) {
            if (action.kind() == ActionKind.PACKAGE) {
                Manifest manifest = manifest(action);
                for (ExternalFile file : ((PackageSpec) manifest.metadata()).externalFiles()) {
                    needs.add(new FileNeed(action.target(), sourceRoot(action).resolve(manifest.label().dir()),
                            file));
                    keys.add(action.target() + " " + file.path());
                }
            } else if (action.kind() == ActionKind.GO_BUNDLE) {
                ExternalFile file = GoBundleStep.archive(this, action);
                if (GoBundleStep.vendored(request.goBundles(), file).isPresent()) {
                    continue;
                }
                if (request.goBundles().offline()) {
                    needNetwork.add(action.target() + " (" + action.step() + ")");
                }
                needs.add(new FileNeed(action.target(), sourceRoot(action).resolve(manifest(action).label().dir()),
                        file));
                keys.add(action.target() + " " + file.path());
            }
        }
        if (!needNetwork.isEmpty()) {
            throw TwoliterException.badInput("the build is offline, but " + needNetwork.size() + " Go module"
                    + " bundle(s) are neither cached nor in the vendor directory, and making one needs the network"
                    + " ('go mod vendor'): " + String.join(", ", needNetwork) + "; build once online, or run"
                    + " 'twoliter vendor' online and build with --vendor-dir");
        }
        List<Fetched> results = fetcher.fetchAll(needs);
        for (int i = 0; i < results.size(); i++) {
            fetched.put(keys.get(i), results.get(i).path());
        }
    }

    String explain(Action action, String cacheReason) {
        return explainer.explain(action, cacheReason);
    }

    void recordState(Action action) throws IOException {
        explainer.record(action);
    }

    /** Runs the step of a cache miss in a scratch directory and stores its outputs. */
    ActionResult execute(Action action) throws TwoliterException, IOException {
        Path scratch = root().resolve("build/tmp").resolve(action.key().substring(0, 16) + "-"
                + ProcessHandle.current().pid());
        deleteTree(scratch);
        Files.createDirectories(scratch);
        try {
            Path outputs = switch (action.kind()) {
                case GO_BUNDLE -> new GoBundleStep(this).run(action, scratch);
                case PACKAGE -> new PackageStep(this).run(action, scratch);
                case KIT -> new KitStep(this).run(action, scratch);
                case VARIANT -> action.step().equals("rootfs") ? new RootfsStep(this).run(action, scratch)
                        : new ImageStep(this).run(action, scratch);
                case SDK -> throw new IllegalStateException("the SDK is not a cached action");
            };
            List<OutputFile> files = new ArrayList<>();
            try (Stream<Path> walk = Files.walk(outputs)) {
                for (Path file : walk.filter(Files::isRegularFile).sorted().toList()) {
                    files.add(store.put(file, outputs.relativize(file).toString()));
                }
            }
            files.sort(Comparator.comparing(OutputFile::path));
            if (files.isEmpty()) {
                throw new TwoliterException(ErrorCategory.FAILURE, action.kind().id() + " " + action.target() + " ("
                        + action.arch() + ") produced no output files; see " + logFile(action));
            }
            return new ActionResult(files, new TreeMap<>());
        } finally {
            deleteTree(scratch);
        }
    }

    /** Puts an action's outputs where users and later steps find them (build/rpms/<pkg>/, build/kits/<kit>/). */
    void materialize(Action action, ActionResult result) throws IOException, TwoliterException {
        Path dir = Outputs.directory(root(), action, manifest(action).name());
        Outputs.materialize(store, action, result, dir);
        finished.put(action.id(), new Finished(action, result));
        if (action.kind() == ActionKind.VARIANT && action.step().equals(ImageStep.STEP)) {
            ImageLinks.create(dir, action, result);
        }
    }

    /**
     * The materialized outputs of the action's finished dependencies of one kind. Kits built from source that the
     * action uses as external kits are not among them: {@link #addExternalKits} puts those where fetched kits go.
     */
    List<DependencyOutput> dependencyOutputs(Action action, ActionKind kind) {
        List<String> builtFromSource = ExternalKitEnv.read(action.env()).stream()
                .flatMap(kit -> kit.builtBy().stream()).toList();
        List<DependencyOutput> outputs = new ArrayList<>();
        for (String id : action.dependencies().keySet()) {
            Finished dep = finished.get(id);
            if (dep == null || dep.action().kind() != kind || builtFromSource.contains(dep.action().target())) {
                continue;
            }
            outputs.addAll(outputs(dep));
        }
        return outputs;
    }

    private List<DependencyOutput> outputs(Finished dep) {
        String name = manifest(dep.action()).name();
        Path dir = Outputs.directory(root(), dep.action(), name);
        List<DependencyOutput> outputs = new ArrayList<>();
        for (OutputFile file : dep.result().outputs()) {
            outputs.add(new DependencyOutput(name, file.path(), dir.resolve(file.path())));
        }
        return outputs;
    }

    /**
     * Copies the yum repositories ({@code Packages/} and {@code repodata/}) of the external kits the action declares
     * to {@code /twoliter/external-kits/<vendor>/<name>/}: as fetch unpacked them for the action's arch, or, for a
     * kit built from source, as its kit action made them.
     */
    void addExternalKits(Action action, TarInput input) throws TwoliterException, IOException {
        for (ExternalKitEnv.Entry kit : ExternalKitEnv.read(action.env())) {
            String target = "/twoliter/external-kits/" + kit.vendor() + "/" + kit.name() + "/";
            if (kit.builtBy().isPresent()) {
                addBuiltKit(action, kit.builtBy().get(), target, input);
                continue;
            }
            Path dir = root().resolve(kit.dir(action.arch()));
            for (String part : List.of("Packages", "repodata")) {
                if (!Files.isDirectory(dir.resolve(part))) {
                    throw TwoliterException.badInput("external kit '" + kit.name() + "' of vendor '" + kit.vendor()
                            + "' has no '" + part + "' directory in '" + root().relativize(dir) + "'; run 'twoliter"
                            + " fetch --arch " + action.arch().id() + "' again");
                }
                try (Stream<Path> walk = Files.walk(dir.resolve(part))) {
                    for (Path file : walk.filter(Files::isRegularFile).sorted().toList()) {
                        input.file(target + dir.relativize(file), file, false);
                    }
                }
            }
        }
    }

    private void addBuiltKit(Action action, String kitTarget, String target, TarInput input) {
        Finished kit = action.dependencies().keySet().stream().map(finished::get)
                .filter(dep -> dep != null && dep.action().target().equals(kitTarget)).findFirst()
                .orElseThrow(() -> new IllegalStateException(action.id() + " uses kit " + kitTarget
                        + ", which has not finished"));
        String prefix = action.arch().id() + "/";
        for (DependencyOutput file : outputs(kit)) {
            String path = file.path();
            if (path.startsWith(prefix + "Packages/") || path.startsWith(prefix + "repodata/")) {
                input.file(target + path.substring(prefix.length()), file.file(), false);
            }
        }
    }

    /**
     * The per-action log: build/logs/<arch>/<kind>/<name>[-<step>].log; a composed repository's targets have theirs
     * under {@code @<repository>/}.
     */
    Path logFile(Action action) {
        return root().resolve("build/logs").resolve(action.arch().id()).resolve(action.kind().id())
                .resolve(fileName(action) + ".log");
    }

    /**
     * The target's name, with the step when the target has several ({@code aws-dev-rootfs}), in a directory named
     * after its repository when it is a composed one's ({@code @bottlerocket-core-kit/release}).
     */
    static String fileName(Action action) {
        if (action.kind() == ActionKind.SDK) {
            return "sdk";
        }
        Label label = Label.parse(action.target());
        String name = (label.isMain() ? "" : "@" + label.repository() + "/") + label.name();
        return action.step().isEmpty() ? name : name + "-" + action.step();
    }

    /** The user-facing message of a failed container step: what, the command, the log and its last lines. */
    TwoliterException stepFailed(Action action, String command, int exitCode) {
        Path log = logFile(action);
        List<String> tail = lastLines(log, 25);
        return new TwoliterException(ErrorCategory.FAILURE, action.kind().id() + " " + action.target() + " ("
                + action.arch() + ") failed: '" + command + "' exited " + exitCode + " in " + sdkImage + "; log: "
                + root().relativize(log) + "\n  last lines:\n    " + String.join("\n    ", tail));
    }

    /**
     * The last lines of a log, none if it cannot be read. Bytes that are not UTF-8 (a tool's Latin-1 output) are
     * replaced, so they cannot hide the whole tail.
     */
    static List<String> lastLines(Path log, int count) {
        try {
            List<String> lines = new String(Files.readAllBytes(log), StandardCharsets.UTF_8).lines().toList();
            return lines.subList(Math.max(0, lines.size() - count), lines.size());
        } catch (IOException e) {
            return List.of();
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
