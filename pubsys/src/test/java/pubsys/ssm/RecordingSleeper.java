package pubsys.ssm;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import pubsys.aws.Sleeper;

/** A sleeper that returns at once and remembers each requested pause. */
final class RecordingSleeper implements Sleeper {
    final List<Duration> pauses = new CopyOnWriteArrayList<>();
    /** Runs at each pause, e.g. to change the world while the caller "waits". */
    volatile Runnable onSleep = () -> {
    };

    @Override
    public void sleep(Duration duration) {
        pauses.add(duration);
        onSleep.run();
    }

    List<Long> millis() {
        return pauses.stream().map(Duration::toMillis).toList();
    }
}
