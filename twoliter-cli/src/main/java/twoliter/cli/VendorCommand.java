package twoliter.cli;

import buildsys.QueryRequest;
import buildsys.container.ContainerRuntime;
import buildsys.container.DockerJavaRuntime;
import buildsys.exec.GoBundleSettings;
import buildsys.exec.SdkImageName;
import buildsys.fetch.FetchSettings;
import buildsys.fetch.FileNeed;
import buildsys.fetch.HttpTransport;
import buildsys.fetch.SourceFetcher;
import buildsys.graph.BuildGraph;
import buildsys.manifest.ExternalFile;
import buildsys.manifest.Label;
import buildsys.manifest.Manifest;
import buildsys.manifest.ManifestKind;
import buildsys.manifest.PackageSpec;
import buildsys.plan.Action;
import buildsys.plan.ActionKind;
import buildsys.plan.BuildPlan;
import common.Arch;
import common.TwoliterException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import twoliter.kits.ImageSources;
import twoliter.kits.UnpackLimits;
import twoliter.vendor.FileVendorSource;
import twoliter.vendor.GoBundleVendorSource;
import twoliter.vendor.KitVendorSource;
import twoliter.vendor.SdkVendorSource;
import twoliter.vendor.Vendor;
import twoliter.vendor.VendorPlan;
import twoliter.vendor.VendorSource;

/** {@code twoliter vendor}: copies what some targets need into a directory, for offline and air-gapped builds. */
@Command(name = "vendor", mixinStandardHelpOptions = true,
        description = {"Copy everything the targets need into a vendor directory: external files (DIR/files), the"
                + " locked kits (DIR/kits), the SDK image (DIR/sdk) and the Go module bundles (DIR/go-bundles)."
                + " Builds and fetch with --vendor-dir DIR"
                + " --offline then need no network.",
                "DIR/VENDOR.toml may hold ignore = [names] (not vendored) and pin = [names] (kept as they are);"
                        + " \"sdk\" names the SDK image."})
final class VendorCommand implements Callable<Integer> {
    @ParentCommand
    TwoliterCommand root;

    @Option(names = "--vendor-dir", paramLabel = "DIR", description = "the vendor directory (default:"
            + " 'vendor-dir' in .twoliterrc)")
    Path vendorDir;

    @Option(names = "--arch", paramLabel = "ARCH", description = "an architecture to vendor for, repeatable"
            + " (default: x86_64 and aarch64)")
    List<String> arches = new ArrayList<>();

    @Option(names = "--upstream-source-fallback",
            description = "fetch external files from their upstream URL when the lookaside cache lacks them"
                    + " (also BUILDSYS_UPSTREAM_SOURCE_FALLBACK=true)")
    boolean upstreamSourceFallback;

    @Option(names = "--cache-dir", paramLabel = "DIR", description = "the machine-wide cache (default:"
            + " TWOLITER_CACHE_DIR, else $XDG_CACHE_HOME/twoliter or ~/.cache/twoliter)")
    Path cacheDir;

    @Parameters(arity = "0..*", paramLabel = "TARGET", description = "target patterns (default: //...)")
    List<String> targets = new ArrayList<>();

    private final Map<String, String> sdkTargets = new java.util.HashMap<>();
    private final Map<String, Action> sdkActions = new java.util.HashMap<>();
    private final Map<GoBundleVendorSource.Bundle, Action> bundleActions = new java.util.LinkedHashMap<>();
    private ContainerRuntime runtime;

    @Override
    public Integer call() throws Exception {
        Path dir = VendorDirs.resolve(root, vendorDir).orElseThrow(() -> TwoliterException.badInput("no vendor"
                + " directory: pass --vendor-dir DIR, or set vendor-dir = \"DIR\" in .twoliterrc at the project"
                + " root"));
        Set<Arch> archSet = EnumSet.noneOf(Arch.class);
        for (String arch : arches) {
            archSet.add(Arch.parse(arch, "--arch"));
        }
        if (archSet.isEmpty()) {
            archSet.addAll(List.of(Arch.values()));
        }
        // Without targets, everything; a project of external kits only has no targets and still vendors its kits.
        List<Label> closure = targets.isEmpty() && root.buildsys().graph().labels().isEmpty() ? List.of()
                : root.buildsys().query(new QueryRequest(targets.isEmpty() ? List.of("//...") : targets,
                root.workingDirInProject(), QueryRequest.Mode.WITH_DEPENDENCIES));
        try {
            List<VendorSource> sources = new ArrayList<>();
            sources.add(new FileVendorSource(fileNeeds(closure), fetcher()));
            if (root.project().lock().isPresent() && !root.project().lock().get().kits().isEmpty()) {
                sources.add(new KitVendorSource(root.project(), archSet,
                        ImageSources.standard(UnpackLimits.fromEnvironment(root.environment().env()))));
            }
            List<String> sdkImages = sdkImages(closure, archSet);
            if (!sdkImages.isEmpty()) {
                sources.add(new SdkVendorSource(sdkImages, this::runtime, this::makeSdk, dir));
            }
            if (!bundleActions.isEmpty()) {
                sources.add(new GoBundleVendorSource(List.copyOf(bundleActions.keySet()), this::makeGoBundles));
            }
            VendorPlan plan = Vendor.run(dir, sources);
            report(plan, dir);
            return 0;
        } finally {
            if (runtime != null) {
                runtime.close();
            }
        }
    }

    private List<FileNeed> fileNeeds(List<Label> closure) throws TwoliterException {
        BuildGraph graph = root.buildsys().graph();
        List<FileNeed> needs = new ArrayList<>();
        for (Label label : closure) {
            Manifest manifest = graph.manifest(label);
            if (manifest.kind() == ManifestKind.PACKAGE) {
                Path packageDir = root.buildsys().workspace().rootOf(label).resolve(label.dir());
                for (ExternalFile file : ((PackageSpec) manifest.metadata()).externalFiles()) {
                    needs.add(new FileNeed(label.toString(), packageDir, file));
                }
            }
        }
        return needs;
    }

    /**
     * The SDK images the targets' builds run in (the SDK action of each architecture's plan), noting on the way the
     * go-bundle actions of the plans, which are the same for every architecture.
     */
    private List<String> sdkImages(List<Label> closure, Set<Arch> archSet) throws TwoliterException {
        Set<String> images = new TreeSet<>();
        BuildRun planner = new BuildRun(root, new BuildCommand.Options());
        for (Arch arch : archSet) {
            for (Action action : planner.plan(closure, arch).actions()) {
                if (action.kind() == ActionKind.SDK) {
                    images.add(sdkImage(action));
                    sdkTargets.put(sdkImage(action), action.target());
                    sdkActions.put(action.id(), action);
                } else if (action.kind() == ActionKind.GO_BUNDLE) {
                    PackageSpec spec = (PackageSpec) root.buildsys().graph().manifest(Label.parse(action.target()))
                            .metadata();
                    ExternalFile file = spec.bundling(action.step()).orElseThrow();
                    bundleActions.putIfAbsent(new GoBundleVendorSource.Bundle(GoBundleSettings.bundleId(file),
                            action.step()), action);
                }
            }
        }
        return List.copyOf(images);
    }

    /**
     * Runs the go-bundle actions of the bundles (with the network; a cached one is only materialized) and returns
     * where each bundle's file is: build/go-bundles/<package>/<name>.
     */
    private Map<String, Path> makeGoBundles(List<GoBundleVendorSource.Bundle> bundles) throws TwoliterException {
        List<Action> actions = new ArrayList<>();
        for (GoBundleVendorSource.Bundle bundle : bundles) {
            Action action = bundleActions.get(bundle);
            action.dependencies().keySet().forEach(id -> {
                Action sdk = sdkActions.get(id);
                if (sdk != null && !actions.contains(sdk)) {
                    actions.add(0, sdk);
                }
            });
            actions.add(action);
        }
        BuildCommand.Options options = new BuildCommand.Options();
        options.cacheDir = cacheDir;
        new BuildRun(root, options).execute(new BuildPlan(actions, List.of()), "the Go module bundles", Arch.host());
        Map<String, Path> files = new java.util.HashMap<>();
        for (GoBundleVendorSource.Bundle bundle : bundles) {
            Action action = bundleActions.get(bundle);
            String name = root.buildsys().graph().manifest(Label.parse(action.target())).name();
            files.put(bundle.id(), root.project().root().resolve("build/go-bundles").resolve(name)
                    .resolve(bundle.name()));
        }
        return files;
    }

    private static String sdkImage(Action action) {
        return SdkImageName.of(action);
    }

    /** Builds the in-tree SDK recipe or pulls the SDK, as the build's SDK action would. */
    private void makeSdk(String image) throws TwoliterException {
        String target = sdkTargets.get(image);
        Console console = root.console();
        if (target.startsWith("//")) {
            Path log = root.project().root().resolve("build/logs/vendor-sdk.log");
            try {
                java.nio.file.Files.createDirectories(log.getParent());
            } catch (java.io.IOException e) {
                throw new TwoliterException(common.ErrorCategory.FAILURE, "cannot create '" + log.getParent()
                        + "': " + e.getMessage(), e);
            }
            console.info("building the SDK image " + image + " from " + target.substring(2) + " (log: " + log + ")");
            runtime().build(root.project().root().resolve(target.substring(2)), image, log);
        } else {
            console.info("pulling the SDK image " + image);
            runtime().pull(image);
        }
    }

    private ContainerRuntime runtime() throws TwoliterException {
        if (runtime == null) {
            runtime = DockerJavaRuntime.connect(root.environment().env());
        }
        return runtime;
    }

    private SourceFetcher fetcher() throws TwoliterException {
        Map<String, String> env = root.environment().env();
        String lookaside = env.getOrDefault("BUILDSYS_LOOKASIDE_CACHE", FetchSettings.DEFAULT_LOOKASIDE.toString());
        FetchSettings settings = new FetchSettings(FetchSettings.parseLookaside(lookaside), upstreamSourceFallback
                || FetchSettings.fallbackEnabled(env.get("BUILDSYS_UPSTREAM_SOURCE_FALLBACK")), false, List.of(),
                BuildRun.cacheRoot(root, cacheDir, env).resolve("repository"));
        return new SourceFetcher(settings, new HttpTransport(VersionProvider.version()));
    }

    private void report(VendorPlan plan, Path dir) {
        Console console = root.console();
        for (VendorPlan.Step step : plan.steps()) {
            console.info(String.format("%-8s %-4s %s", step.decision().name().toLowerCase(java.util.Locale.ROOT),
                    step.item().kind().id(), step.item().name()));
        }
        console.info("vendored " + plan.vendored().size() + " items into " + dir + " (" + plan.toCopy().size()
                + " copied)");
    }
}
