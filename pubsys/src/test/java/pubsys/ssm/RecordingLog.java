package pubsys.ssm;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import pubsys.PublishLog;

/** Keeps what a command reported, by kind, for assertions. */
final class RecordingLog implements PublishLog {
    final List<String> results = new CopyOnWriteArrayList<>();
    final List<String> infos = new CopyOnWriteArrayList<>();
    final List<String> warnings = new CopyOnWriteArrayList<>();
    final List<String> errors = new CopyOnWriteArrayList<>();

    @Override
    public void result(String line) {
        results.add(line);
    }

    @Override
    public void info(String message) {
        infos.add(message);
    }

    @Override
    public void warn(String message) {
        warnings.add(message);
    }

    @Override
    public void error(String message) {
        errors.add(message);
    }
}
