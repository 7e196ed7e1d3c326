package buildsys.exec;

import java.util.List;

/** Every action's outcome, in the order they ended. */
public record BuildSummary(List<ActionOutcome> outcomes) {
    public BuildSummary {
        outcomes = List.copyOf(outcomes);
    }

    public long count(ActionStatus status) {
        return outcomes.stream().filter(o -> o.status() == status).count();
    }

    public boolean succeeded() {
        return count(ActionStatus.FAILED) == 0 && count(ActionStatus.SKIPPED) == 0;
    }
}
