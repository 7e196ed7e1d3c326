package pubsys.ssm;

import common.ErrorCategory;
import common.TwoliterException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import pubsys.aws.Sleeper;

/**
 * A token bucket: {@code burst} calls at once, then {@code perSecond} a second. Callers reserve a token and sleep
 * until it is theirs, so with a sleeper that does not sleep (tests) it never blocks. Thread-safe.
 */
final class RateLimiter {
    private final double perSecond;
    private final double burst;
    private final Clock clock;
    private final Sleeper sleeper;
    private double tokens;
    private Instant last;

    RateLimiter(int perSecond, int burst, Clock clock, Sleeper sleeper) {
        if (perSecond < 1 || burst < 1) {
            throw new IllegalArgumentException("rate and burst must be positive");
        }
        this.perSecond = perSecond;
        this.burst = burst;
        this.clock = clock;
        this.sleeper = sleeper;
        this.tokens = burst;
        this.last = clock.instant();
    }

    /** Waits until one more call is allowed. */
    void acquire() throws TwoliterException {
        Duration wait = reserve();
        if (!wait.isZero()) {
            try {
                sleeper.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TwoliterException(ErrorCategory.FAILURE, "interrupted while waiting to call SSM");
            }
        }
    }

    synchronized Duration reserve() {
        Instant now = clock.instant();
        double elapsed = Math.max(0, Duration.between(last, now).toNanos() / 1e9);
        last = now;
        tokens = Math.min(burst, tokens + elapsed * perSecond) - 1;
        return tokens >= 0 ? Duration.ZERO : Duration.ofNanos((long) Math.ceil(-tokens / perSecond * 1e9));
    }
}
