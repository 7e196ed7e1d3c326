package pubsys.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import common.TwoliterException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DateArgumentTest {
    private static final Instant NOW = Instant.parse("2024-01-01T00:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    // P1 (upstream's accepted inputs)
    @ParameterizedTest
    @ValueSource(strings = {"in 0 hours", "in 1 hour", "in 5000000 hours", "in 0 days", "in 1 day", "in 5000000 days",
            "in 0 weeks", "in 1 week", "in 5000000 weeks", "0 weeks", "1 week", "5000000 weeks"})
    void parseDatetime_acceptedOffset_isNowPlusOffset(String value) throws TwoliterException {
        assertThat(DateArgument.parseDatetime(value, CLOCK)).isEqualTo(NOW.plus(DateArgument.parseOffset(value)));
    }

    @Test
    void parseOffset_largestCounts_multiplyExactly() throws TwoliterException {
        assertThat(DateArgument.parseOffset("in 5000000 weeks")).isEqualTo(Duration.ofDays(35_000_000L));
        assertThat(DateArgument.parseOffset("4294967295 hours")).isEqualTo(Duration.ofHours(4294967295L));
        assertThat(DateArgument.parseOffset("in 0 days")).isEqualTo(Duration.ZERO);
    }

    // P2 (upstream's rejected inputs plus ours)
    @ParameterizedTest
    @ValueSource(strings = {"in", "0 hou", "hours", "in 1 month", "30 minutes", "IN 2 days", "2 Weeks", "at 2 weeks",
            "-1 days", "1.5 days", "", "in 4294967296 hours", "in 1 day later"})
    void parseDatetime_rejectedInput_errorQuotesValueAndAcceptedForms(String value) {
        assertThatThrownBy(() -> DateArgument.parseDatetime(value, CLOCK))
                .isInstanceOf(TwoliterException.class)
                .hasMessageContaining("'" + value + "'")
                .hasMessageContaining("in 7 days");
    }

    @Test
    void parseOffset_unknownUnit_saysUnitsAccepted() {
        assertThatThrownBy(() -> DateArgument.parseOffset("30 minutes"))
                .hasMessageStartingWith("Date argument '30 minutes' is invalid: ")
                .hasMessageContaining("unit must be hours/days/weeks");
    }

    @Test
    void parseOffset_wrongPrefix_saysPrefixIn() {
        assertThatThrownBy(() -> DateArgument.parseOffset("at 2 weeks"))
                .hasMessageStartingWith("Date argument 'at 2 weeks' is invalid: expected prefix 'in'");
    }

    @Test
    void parseOffset_badCount_quotesCount() {
        assertThatThrownBy(() -> DateArgument.parseOffset("1.5 days"))
                .hasMessageStartingWith("Date argument had count '1.5' that failed to parse as integer")
                .hasMessageContaining("'1.5 days'");
    }

    @Test
    void parseOffset_wrongTokenCount_quotesValue() {
        assertThatThrownBy(() -> DateArgument.parseOffset("hours"))
                .hasMessage("Date argument 'hours' is invalid: expected RFC 3339, or something like 'in 7 days' or"
                        + " '7 days'");
    }

    // P3
    @Test
    void parseDatetime_rfc3339WithOffset_convertsToUtc() throws TwoliterException {
        assertThat(DateArgument.parseDatetime("2024-01-01T00:00:00+02:00", CLOCK))
                .isEqualTo(Instant.parse("2023-12-31T22:00:00Z"));
    }

    @Test
    void parseDatetime_rfc3339Fraction_keepsFraction() throws TwoliterException {
        assertThat(DateArgument.parseDatetime("2024-05-06T07:08:09.123Z", CLOCK))
                .isEqualTo(Instant.parse("2024-05-06T07:08:09.123Z"));
    }

    @Test
    void parseOffset_twoWeeks_isFourteenDays() throws TwoliterException {
        assertThat(DateArgument.parseOffset("2 weeks")).isEqualTo(Duration.ofDays(14));
    }

    @Test
    void parseOffset_inThreeDays_isSeventyTwoHours() throws TwoliterException {
        assertThat(DateArgument.parseOffset("in 3 days")).isEqualTo(Duration.ofHours(72));
        assertThat(DateArgument.parseDatetime("in 3 days", CLOCK)).isEqualTo(Instant.parse("2024-01-04T00:00:00Z"));
    }
}
