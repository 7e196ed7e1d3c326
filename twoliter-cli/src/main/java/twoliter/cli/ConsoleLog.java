package twoliter.cli;

import pubsys.PublishLog;

/** The console as the publishing commands' log: results on standard output, the rest by log level. */
final class ConsoleLog implements PublishLog {
    private final Console console;

    ConsoleLog(Console console) {
        this.console = console;
    }

    @Override
    public void result(String line) {
        console.result(line);
    }

    @Override
    public void info(String message) {
        console.info(message);
    }

    @Override
    public void warn(String message) {
        console.warn(message);
    }

    @Override
    public void error(String message) {
        console.error(message);
    }
}
