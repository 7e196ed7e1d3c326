package twoliter.make;

import java.util.Objects;

/**
 * One task of {@code twoliter make}, named as in upstream's Makefile.toml so existing pipelines keep working.
 *
 * @param summary what the task does, in a few words
 * @param takesArgs whether words after the task name are the task's own arguments (testsys tasks)
 */
public record MakeTask(String name, String summary, Availability availability, boolean takesArgs) {
    public MakeTask {
        Objects.requireNonNull(name);
        Objects.requireNonNull(summary);
        Objects.requireNonNull(availability);
    }

    /** Whether this version can run the task. */
    public enum Availability {
        /** Runs in this version. */
        AVAILABLE("yes"),
        /** Part of the product, not written yet. */
        NOT_YET("not yet"),
        /** Deliberately not offered, for the reason in the task table. */
        UNSUPPORTED("unsupported");

        private final String label;

        Availability(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }
}
