package pubsys.ssm;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RateLimiterTest {
    static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");

    @Test
    void reserve_burstUsedUp_waitsOneTokenTimeEach() {
        RateLimiter limiter = new RateLimiter(40, 20, Clock.fixed(T0, ZoneOffset.UTC), d -> { });
        List<Duration> waits = new ArrayList<>();

        for (int i = 0; i < 22; i++) {
            waits.add(limiter.reserve());
        }

        assertThat(waits.subList(0, 20)).containsOnly(Duration.ZERO);
        assertThat(waits.subList(20, 22)).containsExactly(Duration.ofMillis(25), Duration.ofMillis(50));
    }

    @Test
    void reserve_afterIdleTime_tokensRefilledUpToBurst() {
        Clock[] now = {Clock.fixed(T0, ZoneOffset.UTC)};
        Clock clock = new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now[0].instant();
            }
        };
        RateLimiter limiter = new RateLimiter(40, 20, clock, d -> { });
        for (int i = 0; i < 25; i++) {
            limiter.reserve();
        }
        now[0] = Clock.fixed(T0.plusSeconds(60), ZoneOffset.UTC);

        for (int i = 0; i < 20; i++) {
            assertThat(limiter.reserve()).isZero();
        }
        assertThat(limiter.reserve()).isEqualTo(Duration.ofMillis(25));
    }
}
