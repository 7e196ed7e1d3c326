package buildsys.exec;

import buildsys.plan.Action;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The end of one action.
 *
 * @param reason why it ran (for --explain), or why it was cached or skipped
 * @param failure the user-facing failure message of a failed action
 */
public record ActionOutcome(Action action, ActionStatus status, Duration duration, String reason,
                            Optional<String> failure) {
    public ActionOutcome {
        Objects.requireNonNull(action);
        Objects.requireNonNull(status);
        Objects.requireNonNull(duration);
        Objects.requireNonNull(reason);
        Objects.requireNonNull(failure);
    }
}
