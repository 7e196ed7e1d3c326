package pubsys.aws;

import java.time.Duration;

/** Pauses between polls and retries; tests pass one that does not sleep so waits cost nothing. */
@FunctionalInterface
public interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;

    Sleeper REAL = d -> {
        if (!d.isZero() && !d.isNegative()) {
            Thread.sleep(d.toMillis());
        }
    };

    Sleeper NONE = d -> {
    };
}
