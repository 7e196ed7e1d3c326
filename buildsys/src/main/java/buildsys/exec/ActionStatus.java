package buildsys.exec;

import java.util.Locale;

/** How an action ended in a build. */
public enum ActionStatus {
    /** Its outputs came from the action cache. */
    CACHED,
    /** It ran. */
    EXECUTED,
    /** It ran and failed. */
    FAILED,
    /** It never started, because a dependency failed or the build stopped. */
    SKIPPED;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
