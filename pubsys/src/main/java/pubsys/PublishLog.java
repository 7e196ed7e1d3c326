package pubsys;

/**
 * Where publishing commands report progress for a person: the CLI renders these on its console, tests collect them.
 * Results (what was registered, diffs) are separate from diagnostics so a caller can print them on standard output.
 */
public interface PublishLog {
    void result(String line);

    void info(String message);

    void warn(String message);

    void error(String message);

    /** Discards everything; for callers that only want the return value. */
    PublishLog SILENT = new PublishLog() {
        @Override
        public void result(String line) {
        }

        @Override
        public void info(String message) {
        }

        @Override
        public void warn(String message) {
        }

        @Override
        public void error(String message) {
        }
    };
}
