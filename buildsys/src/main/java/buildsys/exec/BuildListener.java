package buildsys.exec;

import buildsys.plan.Action;

/** Receives build events; the CLI renders them (progress line, plain lines, JSON events). Never prints itself. */
public interface BuildListener {
    /** An action starts running (cache hits do not start). */
    void started(Action action, String reason);

    void finished(ActionOutcome outcome);

    /** A note for the user that belongs to no action, e.g. waiting for a lock. */
    void note(String message);

    /** Detail for --log-level debug only, e.g. why a container on the engine was left alone. */
    default void debug(String message) {
    }
}
