package buildsys.plan;

import java.util.List;

/**
 * The actions of a build in an order that runs every action after its dependencies.
 *
 * @param warnings notes for the user, e.g. a variant skipped because it does not support the architecture
 */
public record BuildPlan(List<Action> actions, List<String> warnings) {
    public BuildPlan {
        actions = List.copyOf(actions);
        warnings = List.copyOf(warnings);
    }
}
