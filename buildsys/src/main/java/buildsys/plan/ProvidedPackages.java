package buildsys.plan;

import buildsys.graph.BuildGraph;
import buildsys.kits.ComposedKit;
import buildsys.kits.FetchedKit;
import buildsys.kits.KitRepodata;
import buildsys.manifest.Label;
import buildsys.manifest.Manifest;
import buildsys.manifest.PackageSpec;
import buildsys.manifest.RpmPackageNames;
import buildsys.manifest.RpmSpec;
import common.Names;
import common.TwoliterException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The names a variant's {@code included-packages} may use: every RPM the package specs in the build graph produce,
 * and every name a fetched external kit's repository offers, each without the {@code bottlerocket-} prefix that the
 * rootfs build puts back ({@code dnf install bottlerocket-<name>}, buildsys.md §6.3). Read before anything is built.
 */
final class ProvidedPackages {
    private static final int SUGGESTIONS = 5;

    private final SortedSet<String> names = new TreeSet<>();
    /** The names package specs produce, with the packages producing each; the rest of {@link #names} are kits'. */
    private final Map<String, Set<Label>> producers = new HashMap<>();
    private final Set<String> offeredByKits = new HashSet<>();
    private final boolean withKits;
    /** Spec names without the prefix, which no variant can install, by name: the spec that has them. */
    private final Map<String, String> unprefixed = new HashMap<>();
    /** "file: 'name as written'" for spec names that could not be expanded. */
    private final List<String> unexpanded = new ArrayList<>();

    private ProvidedPackages(boolean withKits) {
        this.withKits = withKits;
    }

    /**
     * @param packages the package manifests of the graph; each has its spec at {@code <dir>/<package-name>.spec}
     *                 (one without a spec provides its package name, and fails later if it is built)
     */
    static ProvidedPackages of(Path root, List<Manifest> packages, List<FetchedKit> kits) throws TwoliterException {
        return of(label -> root, root, packages, kits);
    }

    /**
     * @param rootOf the directory of the project a package belongs to (another one for a kit built from source)
     * @param root   the project being built, under which fetched kits are
     */
    static ProvidedPackages of(Function<Label, Path> rootOf, Path root, List<Manifest> packages,
                               List<FetchedKit> kits) throws TwoliterException {
        ProvidedPackages provided = new ProvidedPackages(!kits.isEmpty());
        for (Manifest manifest : packages) {
            String name = ((PackageSpec) manifest.metadata()).packageName();
            String spec = manifest.label().dir() + "/" + name + ".spec";
            Path specFile = rootOf.apply(manifest.label()).resolve(spec);
            if (!Files.isRegularFile(specFile)) {
                provided.produce(name, manifest.label());
                continue;
            }
            RpmPackageNames rpms = RpmSpec.read(specFile, spec).packageNames();
            rpms.withoutPrefix().forEach(n -> provided.produce(n, manifest.label()));
            rpms.names().stream().filter(n -> !n.startsWith(RpmPackageNames.PREFIX))
                    .forEach(n -> provided.unprefixed.put(n, spec));
            rpms.unexpanded().forEach(raw -> provided.unexpanded.add(spec + ": '" + raw + "'"));
        }
        for (FetchedKit kit : kits) {
            Optional<List<String>> offered = KitRepodata.names(root.resolve(kit.dir()), kit.dir());
            // Without repodata, the kit's Packages/<name> directories are the best evidence there is.
            List<String> kitNames = offered.map(RpmPackageNames::withoutPrefix).orElse(kit.packages());
            provided.names.addAll(kitNames);
            provided.offeredByKits.addAll(kitNames);
        }
        return provided;
    }

    private void produce(String name, Label pkg) {
        names.add(name);
        producers.computeIfAbsent(name, n -> new HashSet<>()).add(pkg);
    }

    boolean provides(String name) {
        return names.contains(name);
    }

    /** Whether a fetched kit offers the name, or one of {@code packages} produces it. */
    boolean providedAmong(String name, Collection<Label> packages) {
        return offeredByKits.contains(name)
                || producers.getOrDefault(name, Set.of()).stream().anyMatch(packages::contains);
    }

    /**
     * The one-line error for an included name nobody provides: where, what, and the nearest known names (or what to
     * add), then why a spec may have been missed: a name without the prefix, or names that could not be expanded.
     */
    TwoliterException notProvided(Manifest variant, String name) {
        StringBuilder message = new StringBuilder(variant.file()).append(": included package '").append(name)
                .append("' is produced by no package spec of this project")
                .append(withKits ? " nor offered by a fetched external kit" : "");
        List<String> nearest = Names.nearest(name, names, SUGGESTIONS);
        if (unprefixed.containsKey(name)) {
            message.append("; ").append(unprefixed.get(name)).append(" names it without %{_cross_os}, but variants"
                    + " install ").append(RpmPackageNames.PREFIX).append("<name>");
        } else if (!nearest.isEmpty()) {
            message.append("; did you mean ").append(nearest.size() > 1 ? "one of " : "")
                    .append(nearest.stream().map(n -> "'" + n + "'").collect(Collectors.joining(", "))).append('?');
        } else {
            message.append("; add a package or kit that builds '").append(RpmPackageNames.PREFIX).append(name)
                    .append('\'');
        }
        if (!unexpanded.isEmpty()) {
            message.append(" (").append(unexpanded.size() == 1 ? "a spec name" : unexpanded.size() + " spec names")
                    .append(" could not be expanded: ").append(unexpanded.get(0))
                    .append(unexpanded.size() > 1 ? ", ..." : "").append(')');
        }
        return TwoliterException.badInput(message.toString());
    }

    /**
     * The packages (labels) a variant's root filesystem installs from: those of its kits (each kit's package dependencies),
     * of the kits built from source in another repository, and its own package build-dependencies.
     */
    static Set<Label> installableBy(BuildGraph graph, Label variant, List<ComposedKit> composed) {
        Set<Label> labels = new HashSet<>(graph.packageDependencies(variant));
        for (Label kit : graph.kitDependencies(variant)) {
            labels.addAll(graph.packageDependencies(kit));
        }
        for (ComposedKit kit : composed) {
            if (!kit.label().repository().equals(variant.repository())) {
                labels.addAll(graph.packageDependencies(kit.label()));
            }
        }
        return labels;
    }

    /** The one-line error for a name a package spec produces, but no kit of the variant (nor the variant) includes. */
    static TwoliterException inNoKit(Manifest variant, String name, SortedSet<Label> kits) {
        return TwoliterException.badInput(variant.file() + ": included package '" + name + "' is built by a package"
                + " of this project, but by none that the variant's root filesystem installs from (" + (kits.isEmpty()
                ? "it depends on no kit" : "its kits: " + kits.stream().map(Label::toString)
                .collect(Collectors.joining(", "))) + ", the external kits and its own build-dependencies); add"
                + " that package to a kit's [build-dependencies], or to the variant's");
    }
}
