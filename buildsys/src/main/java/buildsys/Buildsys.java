package buildsys;

import buildsys.graph.BuildGraph;
import buildsys.graph.TargetPattern;
import buildsys.graph.TargetPatterns;
import buildsys.manifest.Label;
import buildsys.manifest.Repository;
import buildsys.manifest.Workspace;
import buildsys.plan.BuildPlan;
import buildsys.plan.BuildPlanner;
import buildsys.plan.PlanRequest;
import common.TwoliterException;
import java.nio.file.Path;
import java.util.List;
import java.util.SortedSet;

/**
 * The build engine's facade: loads a project's manifests into a checked graph, answers queries over it and plans
 * builds. Construct it with {@link #load(Path)}.
 */
public final class Buildsys {
    private final Workspace workspace;
    private final BuildGraph graph;

    private Buildsys(Workspace workspace, BuildGraph graph) {
        this.workspace = workspace;
        this.graph = graph;
    }

    /** Loads and checks every manifest of the project rooted at {@code projectRoot} (the Twoliter.toml directory). */
    public static Buildsys load(Path projectRoot) throws TwoliterException {
        return load(projectRoot, List.of());
    }

    /**
     * Loads the project rooted at {@code projectRoot} together with other projects composed into its build, whose
     * targets are labelled {@code @<repository>//...}.
     */
    public static Buildsys load(Path projectRoot, List<Repository> composed) throws TwoliterException {
        Workspace workspace = Workspace.load(projectRoot, composed);
        return new Buildsys(workspace, BuildGraph.of(workspace));
    }

    public Workspace workspace() {
        return workspace;
    }

    public BuildGraph graph() {
        return graph;
    }

    /** The labels a request's patterns select, ordered as its mode asks. */
    public List<Label> query(QueryRequest request) throws TwoliterException {
        List<TargetPattern> patterns = TargetPatterns.parseAll(request.patterns(), request.workingDir());
        SortedSet<Label> matched = TargetPatterns.evaluate(patterns, graph.labels());
        return switch (request.mode()) {
            case MATCHES -> List.copyOf(matched);
            case WITH_DEPENDENCIES -> graph.withDependencies(matched);
            case WITH_DEPENDENTS -> graph.withDependents(matched);
        };
    }

    /** Runs analysis: the actions, in order, with their keys. Executes nothing. */
    public BuildPlan plan(PlanRequest request) throws TwoliterException {
        return BuildPlanner.plan(workspace, graph, request);
    }
}
