package twoliter.cli;

import buildsys.exec.ActionOutcome;
import buildsys.exec.ActionStatus;
import buildsys.exec.BuildListener;
import buildsys.plan.Action;

/**
 * Renders build events: a progress line that rewrites itself on a terminal, plain lines otherwise, failures in
 * full, and with --explain the reason each action ran.
 */
final class ProgressListener implements BuildListener {
    private final Console console;
    private final int total;
    private final boolean explain;
    private final boolean terminal = System.console() != null && !"dumb".equals(System.getenv("TERM"));
    private int finished;
    private int running;
    private int cached;

    ProgressListener(Console console, int total, boolean explain) {
        this.console = console;
        this.total = total;
        this.explain = explain;
    }

    @Override
    public synchronized void started(Action action, String reason) {
        running++;
        if (explain) {
            line("explain: " + describe(action) + ": " + reason);
        }
        if (terminal) {
            console.err().print("\r\033[K[" + finished + "/" + total + "] building " + describe(action) + " "
                    + running + " running, " + cached + " cached");
            console.err().flush();
        }
    }

    @Override
    public synchronized void finished(ActionOutcome outcome) {
        finished++;
        if (outcome.status() == ActionStatus.CACHED) {
            cached++;
        } else if (outcome.status() != ActionStatus.SKIPPED) {
            running = Math.max(0, running - 1);
        }
        if (outcome.status() == ActionStatus.FAILED) {
            clear();
            console.error(outcome.failure().orElse(describe(outcome.action()) + " failed"));
        } else if (!terminal || outcome.status() == ActionStatus.EXECUTED) {
            line("[" + finished + "/" + total + "] " + outcome.status().id() + " " + describe(outcome.action())
                    + (outcome.status() == ActionStatus.EXECUTED ? " in " + seconds(outcome) : "")
                    + (outcome.status() == ActionStatus.SKIPPED ? " (" + outcome.reason() + ")" : ""));
        }
    }

    @Override
    public synchronized void note(String message) {
        line(message);
    }

    @Override
    public synchronized void debug(String message) {
        if (console.allows(LogLevel.DEBUG)) {
            clear();
            console.debug(message);
        }
    }

    synchronized void done() {
        clear();
    }

    private void line(String text) {
        clear();
        console.info(text);
    }

    private void clear() {
        if (terminal) {
            console.err().print("\r\033[K");
        }
    }

    private static String describe(Action action) {
        return action.kind().id() + " " + action.target() + " (" + action.arch()
                + (action.step().isEmpty() ? "" : ", " + action.step()) + ")";
    }

    private static String seconds(ActionOutcome outcome) {
        return String.format("%.1fs", outcome.duration().toMillis() / 1000.0);
    }
}
