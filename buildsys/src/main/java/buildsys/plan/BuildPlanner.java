package buildsys.plan;

import buildsys.graph.BuildGraph;
import buildsys.kits.ComposedKit;
import buildsys.kits.ExternalKitEnv;
import buildsys.kits.FetchedKit;
import buildsys.manifest.ExternalFile;
import buildsys.manifest.KitSpec;
import buildsys.manifest.Label;
import buildsys.manifest.Manifest;
import buildsys.manifest.ManifestKind;
import buildsys.manifest.PackageSpec;
import buildsys.manifest.RpmSpec;
import buildsys.manifest.VariantSpec;
import buildsys.manifest.Workspace;
import common.Arch;
import common.TwoliterException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The analysis phase: turns requested targets into the actions that build them, each with a key computed from
 * content digests and declared values only (never mtimes, absolute paths, users or host names).
 */
public final class BuildPlanner {
    private static final String KEY_SCHEMA = "twoliter-jvm action key v1";

    private final Workspace workspace;
    private final BuildGraph graph;
    private final PlanRequest request;
    /** Per repository ("" for the main project): files are relative to each project's root. */
    private final Map<String, InputCollector> inputs = new HashMap<>();
    private final Map<String, Action> actions = new LinkedHashMap<>();
    /** The actions being planned, outermost first: reaching one again means kits built from source need each other. */
    private final Set<String> planning = new LinkedHashSet<>();
    private final List<String> warnings = new ArrayList<>();
    private Action sdk;
    private List<FetchedKit> fetchedKits;
    private ProvidedPackages provided;

    private BuildPlanner(Workspace workspace, BuildGraph graph, PlanRequest request) {
        this.workspace = workspace;
        this.graph = graph;
        this.request = request;
    }

    public static BuildPlan plan(Workspace workspace, BuildGraph graph, PlanRequest request)
            throws TwoliterException {
        BuildPlanner planner = new BuildPlanner(workspace, graph, request);
        for (ComposedKit kit : request.composedKits()) {
            kit.checkAgainst(workspace);
        }
        for (Label target : request.targets()) {
            Manifest manifest = graph.manifest(target);
            if (manifest.metadata() instanceof VariantSpec variant && !variant.supports(request.arch())) {
                planner.warnings.add("variant '" + variant.name() + "' supports only " + variant.supportedArches()
                        .stream().map(Arch::id).sorted().collect(Collectors.joining(", ")) + "; nothing to build"
                        + " for " + request.arch());
                continue;
            }
            planner.actionFor(target);
        }
        return new BuildPlan(planner.ordered(), planner.warnings);
    }

    private Action actionFor(Label label) throws TwoliterException {
        Manifest manifest = graph.manifest(label);
        ActionKind kind = switch (manifest.kind()) {
            case PACKAGE -> ActionKind.PACKAGE;
            case KIT -> ActionKind.KIT;
            case VARIANT -> ActionKind.VARIANT;
        };
        String step = kind == ActionKind.VARIANT ? VariantSteps.IMAGE : "";
        String id = Action.id(kind, label.toString(), request.arch(), step);
        Action known = actions.get(id);
        if (known != null) {
            return known;
        }
        // The graph is acyclic; only kits built from source, which targets use without a path dependency, can
        // lead back to a target being planned.
        if (!planning.add(id)) {
            List<String> chain = planning.stream().map(a -> a.split(" ")[1]).toList();
            throw TwoliterException.badInput("kits built from source need each other: " + String.join(" -> ",
                    chain.subList(chain.indexOf(label.toString()), chain.size())) + " -> " + label + "; point at"
                    + " most one of them at its project in Twoliter.override");
        }
        try {
            List<Action> deps = new ArrayList<>();
            deps.add(sdk());
            for (Label dep : graph.packageDependencies(label)) {
                deps.add(actionFor(dep));
            }
            for (Label dep : graph.kitDependencies(label)) {
                deps.add(actionFor(dep));
            }
            SortedMap<String, String> env = new TreeMap<>();
            if (manifest.metadata() instanceof VariantSpec variant) {
                return variantActions(manifest, variant, deps);
            }
            if (manifest.metadata() instanceof PackageSpec spec) {
                for (ExternalFile file : spec.externalFiles()) {
                    if (file.bundlesGo()) {
                        deps.add(goBundle(manifest, file));
                    }
                }
            }
            List<InputFile> files = manifest.kind() == ManifestKind.PACKAGE
                    ? packageInputs(manifest, (PackageSpec) manifest.metadata(), env, deps)
                    : kitInputs(manifest, (KitSpec) manifest.metadata(), env, deps);
            return add(kind, label.toString(), request.arch(), "", env, files, deps);
        } finally {
            planning.remove(id);
        }
    }

    /**
     * A variant is two actions: the root filesystem (packages, os-release, verity) and the disk images (kernel
     * parameters, grub.cfg, partitions, formats), so that changing only the kernel parameters or the image format
     * reruns only the second.
     */
    private Action variantActions(Manifest manifest, VariantSpec spec, List<Action> deps) throws TwoliterException {
        checkIncludedPackages(manifest, spec);
        VariantSteps steps = VariantSteps.of(spec, request.identity());
        String target = manifest.label().toString();
        // The rootfs's dnf resolves from every external kit, as upstream's variant build does (buildsys.md §6.3).
        SortedMap<String, String> rootfsEnv = steps.rootfsEnv();
        List<Action> rootfsDeps = new ArrayList<>(deps);
        rootfsDeps.addAll(useExternalKits(manifest.label(), rootfsEnv));
        Action rootfs = add(ActionKind.VARIANT, target, request.arch(), VariantSteps.ROOTFS, rootfsEnv,
                List.of(), rootfsDeps);
        // Files beside the variant's Cargo.toml (an OVF template) belong to the images; the manifest itself
        // enters through the values above, so unrelated edits to it rebuild nothing. They may link to files of
        // sibling directories (upstream's vmware variants link template.ovf to variants/shared/).
        String dir = manifest.label().dir();
        List<InputFile> files = inputs(manifest.label()).topLevelFiles(dir, Set.of("Cargo.toml"),
                dir.contains("/") ? dir.substring(0, dir.lastIndexOf('/')) : "");
        return add(ActionKind.VARIANT, target, request.arch(), VariantSteps.IMAGE, steps.imageEnv(), files,
                List.of(sdk(), rootfs));
    }

    private Action sdk() throws TwoliterException {
        if (sdk != null) {
            return sdk;
        }
        SortedMap<String, String> env = new TreeMap<>();
        List<InputFile> files = List.of();
        String target;
        if (request.sdk() instanceof SdkSource.InTree inTree) {
            target = "//" + inTree.dir();
            InputCollector inputs = inputs(Label.MAIN);
            if (!inputs.isFile(inTree.dir() + "/Dockerfile")) {
                throw TwoliterException.badInput("the SDK recipe '" + inTree.dir() + "/Dockerfile' does not exist;"
                        + " add it, or name a registry SDK in the [sdk] table of Twoliter.toml");
            }
            files = inputs.tree(inTree.dir());
        } else {
            SdkSource.Registry registry = (SdkSource.Registry) request.sdk();
            target = registry.uri();
            env.put("SDK_IMAGE", registry.uri());
            registry.lockDigest().ifPresent(digest -> env.put("SDK_LOCK_DIGEST", digest));
        }
        sdk = add(ActionKind.SDK, target, request.hostArch(), "", env, files, List.of());
        return sdk;
    }

    /**
     * The action that vendors the Go modules of one external archive (buildsys.md §3.3): its key is the archive's
     * digest, where the module sits in it, the bundle's name and the SDK (the Go toolchain), not the target arch,
     * since {@code go mod vendor} takes every platform's modules. It is the only action besides fetching that uses the
     * network, so its result is what lets later builds run offline.
     */
    private Action goBundle(Manifest manifest, ExternalFile file) throws TwoliterException {
        String output = file.goBundle().orElseThrow();
        SortedMap<String, String> env = new TreeMap<>();
        env.put("BUNDLE_MODULES", "go");
        env.put("BUNDLE_OUTPUT", output);
        env.put("BUNDLE_ROOT_PATH", file.bundleRootPath().orElse(""));
        env.put("EXTERNAL_FILE " + file.path(), file.sha512().hex());
        return add(ActionKind.GO_BUNDLE, manifest.label().toString(), request.hostArch(), output, env, List.of(),
                List.of(sdk()));
    }

    private List<InputFile> packageInputs(Manifest manifest, PackageSpec spec, SortedMap<String, String> env,
                                          List<Action> deps) throws TwoliterException {
        InputCollector inputs = inputs(manifest.label());
        String dir = manifest.label().dir();
        env.put("PACKAGE", spec.packageName());
        // External files and Go bundles come from the fetch and the go-bundle actions: a copy beside the spec (as
        // upstream leaves them there) is not an input.
        Set<String> external = new java.util.HashSet<>();
        for (ExternalFile file : spec.externalFiles()) {
            external.add(file.path());
            file.goBundle().ifPresent(external::add);
        }
        for (ExternalFile file : spec.externalFiles()) {
            // Declared by digest: the fetch step verifies the bytes, so the file itself need not be read here.
            env.put("EXTERNAL_FILE " + file.path(), file.sha512().hex());
        }
        String specFile = dir + "/" + spec.packageName() + ".spec";
        if (!inputs.isFile(specFile)) {
            throw TwoliterException.badInput("package " + manifest.label() + " has no spec file '"
                    + inputs.display(specFile) + "'; a package directory holds <package-name>.spec (package-name"
                    + " is '" + spec.packageName() + "' in " + manifest.file() + ")");
        }
        // Listing the files first refuses a spec that links out of the package before it is read.
        List<InputFile> files = new ArrayList<>(inputs.topLevelFiles(dir, external));
        RpmSpec rpmSpec = RpmSpec.read(inputs.root().resolve(specFile), inputs.display(specFile));
        checkSpecSources(manifest, rpmSpec, external);
        // External kits reach a package build only through 'dnf builddep' (buildsys.md §6.1), which installs
        // nothing for a spec without BuildRequires; such packages do not rebuild when a kit is fetched anew.
        if (rpmSpec.hasBuildRequires()) {
            deps.addAll(useExternalKits(manifest.label(), env));
        }
        for (String group : spec.sourceGroups()) {
            String groupDir = "sources/" + group;
            if (!inputs.isDirectory(groupDir)) {
                warnings.add(manifest.file() + " lists source group '" + group + "', but '" + groupDir
                        + "' does not exist");
                continue;
            }
            // Links may reach other source directories, as upstream mounts all of sources/ (InputCollector).
            files.addAll(inputs.sourceGroup(groupDir, "sources"));
        }
        return files;
    }

    private void checkSpecSources(Manifest manifest, RpmSpec spec, Set<String> external) throws TwoliterException {
        String dir = manifest.label().dir();
        for (RpmSpec.Source source : spec.sources()) {
            if (source.isLocalFile() && !external.contains(source.value())
                    && !inputs(manifest.label()).isFile(dir + "/" + source.value())) {
                throw TwoliterException.badInput(spec.file() + ":" + source.line() + ": " + source.tag() + " '"
                        + source.value() + "' is neither a file in " + dir + " nor an external-files entry of "
                        + manifest.file() + "; add the file or declare it under external-files");
            }
        }
    }

    private List<InputFile> kitInputs(Manifest manifest, KitSpec spec, SortedMap<String, String> env,
                                      List<Action> deps) throws TwoliterException {
        env.put("KIT", manifest.name());
        env.put("LOCAL_KIT_DEPENDENCIES", graph.kitDependencies(manifest.label()).stream()
                .map(label -> graph.manifest(label).name()).collect(Collectors.joining(" ")));
        env.put("VENDOR", spec.vendor());
        // A kit built from source has the version this project wants of it (its own project's release-version),
        // not this project's.
        env.put("VERSION_ID", request.composedKits().stream().filter(k -> k.label().equals(manifest.label()))
                .map(ComposedKit::version).findFirst().orElse(request.identity().releaseVersion()));
        env.put("BUILD_ID", request.identity().buildId());
        // The label lists every external kit and the SDK of the fetched metadata (buildsys.md §6.2 step 3).
        deps.addAll(useExternalKits(manifest.label(), env));
        request.externalKits().sdk().ifPresent(sdk -> ExternalKitEnv.putSdk(env, sdk));
        return inputs(manifest.label()).topLevelFiles(manifest.label().dir(), Set.of());
    }

    /**
     * Declares the external kits an action of {@code target} uses in its values, and returns the kit actions it must
     * wait for: a fetched kit enters by its image digest, a kit built from source by its kit action, whose key the
     * action's key includes. A composed project's own targets do not use the kits built from it, as in that
     * project's own build; every other external kit of this build they do use (a superset of what that project's
     * lock would give them, which costs at most a rebuild).
     */
    private List<Action> useExternalKits(Label target, SortedMap<String, String> env) throws TwoliterException {
        ExternalKitEnv.put(env, fetchedKits());
        List<Action> kits = new ArrayList<>();
        for (ComposedKit kit : request.composedKits()) {
            if (!kit.label().repository().equals(target.repository())) {
                ExternalKitEnv.putBuiltFromSource(env, kit);
                kits.add(actionFor(kit.label()));
            }
        }
        return kits;
    }

    /**
     * The external kits as fetched for this arch, read on first use so plans that need none never require them. Kits
     * built from source are not fetched.
     */
    private List<FetchedKit> fetchedKits() throws TwoliterException {
        if (fetchedKits == null) {
            fetchedKits = request.externalKits().without(request.composedKits().stream().map(ComposedKit::id)
                    .toList()).fetched(workspace.root(), request.arch());
        }
        return fetchedKits;
    }

    private InputCollector inputs(Label label) {
        return inputs(label.repository());
    }

    private InputCollector inputs(String repository) {
        return inputs.computeIfAbsent(repository, r -> new InputCollector(workspace.rootOf(r), r.isEmpty()));
    }

    /**
     * Every included package must be an RPM that the variant's root filesystem can install: one a package spec of its
     * kits, of the kits built from source or of its own build-dependencies produces, or one a fetched kit offers, so
     * typos and packages left out of every kit fail before a build rather than in dnf.
     */
    private void checkIncludedPackages(Manifest manifest, VariantSpec spec) throws TwoliterException {
        if (provided == null) {
            provided = ProvidedPackages.of(workspace::rootOf, workspace.root(), graph.ofKind(ManifestKind.PACKAGE),
                    fetchedKits());
        }
        Set<Label> installable = ProvidedPackages.installableBy(graph, manifest.label(), request.composedKits());
        for (String included : spec.includedPackages()) {
            if (!provided.provides(included)) {
                throw provided.notProvided(manifest, included);
            }
            if (!provided.providedAmong(included, installable)) {
                throw ProvidedPackages.inNoKit(manifest, included, graph.kitDependencies(manifest.label()));
            }
        }
    }

    private Action add(ActionKind kind, String target, Arch arch, String step, SortedMap<String, String> env,
                       List<InputFile> files, List<Action> deps) {
        Fingerprint key = new Fingerprint().add(KEY_SCHEMA)
                .add("kind", kind.id()).add("recipe", kind.recipeVersion()).add("arch", arch.id()).add("step", step);
        env.forEach((name, value) -> key.add("env " + name, value));
        for (InputFile file : files) {
            key.add("input " + file.path(), file.sha256() + (file.executable() ? " +x" : ""));
        }
        List<Action> sortedDeps = deps.stream().distinct().sorted(Comparator.comparing(Action::id)).toList();
        for (Action dep : sortedDeps) {
            key.add("dependency " + dep.id(), dep.key());
        }
        SortedMap<String, String> dependencyKeys = new TreeMap<>();
        sortedDeps.forEach(dep -> dependencyKeys.put(dep.id(), dep.key()));
        Action action = new Action(kind, target, arch, step, key.hex(), env, files, dependencyKeys);
        actions.put(action.id(), action);
        return action;
    }

    /** Dependencies first; among ready actions, SDK, then Go bundles, packages, kits, variants, each by target. */
    private List<Action> ordered() {
        Comparator<Action> byKindThenTarget = Comparator.comparing(Action::kind).thenComparing(Action::target)
                .thenComparing(Action::step);
        Map<String, Integer> pending = new HashMap<>();
        Map<String, List<Action>> dependents = new HashMap<>();
        PriorityQueue<Action> ready = new PriorityQueue<>(byKindThenTarget);
        for (Action action : actions.values()) {
            pending.put(action.id(), action.dependencies().size());
            for (String dep : action.dependencies().keySet()) {
                dependents.computeIfAbsent(dep, k -> new ArrayList<>()).add(action);
            }
            if (action.dependencies().isEmpty()) {
                ready.add(action);
            }
        }
        List<Action> order = new ArrayList<>(actions.size());
        while (!ready.isEmpty()) {
            Action next = ready.poll();
            order.add(next);
            for (Action parent : dependents.getOrDefault(next.id(), List.of())) {
                if (pending.merge(parent.id(), -1, Integer::sum) == 0) {
                    ready.add(parent);
                }
            }
        }
        return order;
    }
}
