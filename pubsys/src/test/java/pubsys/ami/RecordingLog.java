package pubsys.ami;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import pubsys.PublishLog;

/** Keeps every line as {@code LEVEL message}. */
class RecordingLog implements PublishLog {
    final List<String> lines = new CopyOnWriteArrayList<>();

    @Override
    public void result(String line) {
        lines.add("RESULT " + line);
    }

    @Override
    public void info(String message) {
        lines.add("INFO " + message);
    }

    @Override
    public void warn(String message) {
        lines.add("WARN " + message);
    }

    @Override
    public void error(String message) {
        lines.add("ERROR " + message);
    }

    List<String> starting(String prefix) {
        return lines.stream().filter(l -> l.startsWith(prefix)).toList();
    }
}
