package pubsys.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import common.TwoliterException;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TimeLimitsTest {
    @Test
    void requireDate_year9999AndEpoch_areKept() throws TwoliterException {
        Instant last = Instant.parse("9999-12-31T23:59:59Z");

        assertThat(TimeLimits.requireDate(last, "X")).isEqualTo(last);
        assertThat(TimeLimits.requireDate(Instant.EPOCH, "X")).isEqualTo(Instant.EPOCH);
    }

    @Test
    void requireDate_beyondYear9999_errorNamesWhatAndRange() {
        Instant far = Instant.parse("2024-01-01T00:00:00Z").plus(Duration.ofDays(7 * 4294967295L));

        assertThatThrownBy(() -> TimeLimits.requireDate(far, "RELEASE_START_TIME '4294967295 weeks'"))
                .isInstanceOf(TwoliterException.class)
                .hasMessage("RELEASE_START_TIME '4294967295 weeks' is " + far + ", outside 1970-01-01T00:00:00Z to"
                        + " 9999-12-31T23:59:59Z; TUF metadata and manifest.json need RFC 3339 dates with 4-digit"
                        + " years");
    }

    @Test
    void requireDate_beforeEpoch_isRefused() {
        assertThatThrownBy(() -> TimeLimits.requireDate(Instant.parse("1969-12-31T23:59:59Z"), "X"))
                .isInstanceOf(TwoliterException.class).hasMessageStartingWith("X is 1969-12-31T23:59:59Z, outside");
    }
}
