package buildsys.graph;

import buildsys.manifest.DependencyKind;
import buildsys.manifest.Label;
import buildsys.manifest.Manifest;
import buildsys.manifest.ManifestKind;
import buildsys.manifest.PathDependency;
import buildsys.manifest.Workspace;
import common.TwoliterException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The dependency graph of a workspace's packages, kits and variants, checked for cycles, with upstream's rules for
 * which packages and kits a target needs (buildsys.md §4.2, §4.3).
 */
public final class BuildGraph {
    private final SortedMap<Label, Manifest> nodes;
    private final Map<Label, SortedSet<Label>> dependents = new HashMap<>();

    private BuildGraph(SortedMap<Label, Manifest> nodes) {
        this.nodes = nodes;
        for (Manifest m : nodes.values()) {
            for (PathDependency dep : m.dependencies()) {
                dependents.computeIfAbsent(dep.target(), k -> new TreeSet<>()).add(m.label());
            }
        }
    }

    /** Builds the graph; fails on a dependency cycle, printing it. */
    public static BuildGraph of(Workspace workspace) throws TwoliterException {
        BuildGraph graph = new BuildGraph(workspace.manifests());
        graph.checkAcyclic();
        return graph;
    }

    public SortedSet<Label> labels() {
        return new TreeSet<>(nodes.keySet());
    }

    public Manifest manifest(Label label) {
        Manifest m = nodes.get(label);
        if (m == null) {
            throw new IllegalArgumentException("no target " + label);
        }
        return m;
    }

    public boolean contains(Label label) {
        return nodes.containsKey(label);
    }

    /** Targets of one kind, sorted by label. */
    public List<Manifest> ofKind(ManifestKind kind) {
        return nodes.values().stream().filter(m -> m.kind() == kind).collect(Collectors.toList());
    }

    /** Direct path dependencies of a target, of every kind, sorted. */
    public SortedSet<Label> directDependencies(Label label) {
        return manifest(label).dependencies().stream().map(PathDependency::target)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /**
     * The packages a target's build needs, as upstream computes PACKAGE_DEPENDENCIES: walk from the root following a
     * link when it leads to a package and either is a build-dependency or does not start at the root. Kits are not
     * walked through. Sorted by label.
     */
    public SortedSet<Label> packageDependencies(Label root) {
        SortedSet<Label> found = new TreeSet<>();
        Deque<Label> queue = new ArrayDeque<>(List.of(root));
        Set<Label> seen = new HashSet<>(List.of(root));
        while (!queue.isEmpty()) {
            Label from = queue.removeFirst();
            for (PathDependency dep : manifest(from).dependencies()) {
                boolean counts = !from.equals(root) || isBuildDependency(root, dep.target());
                if (counts && manifest(dep.target()).kind() == ManifestKind.PACKAGE && seen.add(dep.target())) {
                    found.add(dep.target());
                    queue.addLast(dep.target());
                }
            }
        }
        return found;
    }

    /** The kits a target needs: every kit reachable through links of any kind, through packages and kits. */
    public SortedSet<Label> kitDependencies(Label root) {
        SortedSet<Label> found = new TreeSet<>();
        for (Label label : reachable(List.of(root))) {
            if (!label.equals(root) && manifest(label).kind() == ManifestKind.KIT) {
                found.add(label);
            }
        }
        return found;
    }

    /** The roots and everything they depend on, dependencies before dependents. */
    public List<Label> withDependencies(Collection<Label> roots) {
        return topologicalOrder(reachable(roots));
    }

    /** The roots and every target that depends on them, transitively, dependencies before dependents. */
    public List<Label> withDependents(Collection<Label> roots) {
        Set<Label> found = new HashSet<>(roots);
        Deque<Label> queue = new ArrayDeque<>(roots);
        while (!queue.isEmpty()) {
            for (Label parent : dependents.getOrDefault(queue.removeFirst(), new TreeSet<>())) {
                if (found.add(parent)) {
                    queue.addLast(parent);
                }
            }
        }
        return topologicalOrder(found);
    }

    /**
     * Orders a dependency-closed or arbitrary subset so that each target comes after the targets it depends on
     * within the subset; ties go to the smaller label, so the order is stable.
     */
    public List<Label> topologicalOrder(Collection<Label> subset) {
        Set<Label> members = new HashSet<>(subset);
        Map<Label, Integer> pending = new HashMap<>();
        PriorityQueue<Label> ready = new PriorityQueue<>(Comparator.naturalOrder());
        for (Label label : members) {
            int count = (int) directDependencies(label).stream().filter(members::contains).count();
            pending.put(label, count);
            if (count == 0) {
                ready.add(label);
            }
        }
        List<Label> order = new ArrayList<>(members.size());
        while (!ready.isEmpty()) {
            Label next = ready.poll();
            order.add(next);
            for (Label parent : dependents.getOrDefault(next, new TreeSet<>())) {
                if (members.contains(parent) && pending.merge(parent, -1, Integer::sum) == 0) {
                    ready.add(parent);
                }
            }
        }
        return order;
    }

    private Set<Label> reachable(Collection<Label> roots) {
        Set<Label> found = new LinkedHashSet<>(roots);
        Deque<Label> queue = new ArrayDeque<>(roots);
        while (!queue.isEmpty()) {
            for (PathDependency dep : manifest(queue.removeFirst()).dependencies()) {
                if (found.add(dep.target())) {
                    queue.addLast(dep.target());
                }
            }
        }
        return found;
    }

    private boolean isBuildDependency(Label from, Label to) {
        return manifest(from).dependencies().stream()
                .anyMatch(d -> d.target().equals(to) && d.kind() == DependencyKind.BUILD);
    }

    /** Depth-first search in label order; the first back edge found is reported as the cycle it closes. */
    private void checkAcyclic() throws TwoliterException {
        Map<Label, Integer> state = new TreeMap<>();
        for (Label start : nodes.keySet()) {
            if (!state.containsKey(start)) {
                List<Label> cycle = findCycle(start, state, new ArrayList<>());
                if (!cycle.isEmpty()) {
                    throw TwoliterException.badInput("dependency cycle: " + cycle.stream().map(Label::toString)
                            .collect(Collectors.joining(" -> ")) + "; break it by removing one of these path dependencies"
                            + " from [build-dependencies] or [dependencies] in those Cargo.toml files");
                }
            }
        }
    }

    /** The cycle starting at its smallest label and closed (a -> b -> a), so a cycle always prints the same way. */
    private static List<Label> rotatedToSmallest(List<Label> members) {
        int start = members.indexOf(Collections.min(members));
        List<Label> cycle = new ArrayList<>(members.subList(start, members.size()));
        cycle.addAll(members.subList(0, start));
        cycle.add(cycle.get(0));
        return cycle;
    }

    private static final int VISITING = 1;
    private static final int DONE = 2;

    private List<Label> findCycle(Label label, Map<Label, Integer> state, List<Label> stack) {
        state.put(label, VISITING);
        stack.add(label);
        for (Label dep : directDependencies(label)) {
            Integer s = state.get(dep);
            if (s == null) {
                List<Label> cycle = findCycle(dep, state, stack);
                if (!cycle.isEmpty()) {
                    return cycle;
                }
            } else if (s == VISITING) {
                return rotatedToSmallest(stack.subList(stack.indexOf(dep), stack.size()));
            }
        }
        stack.remove(stack.size() - 1);
        state.put(label, DONE);
        return List.of();
    }
}
