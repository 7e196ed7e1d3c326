package pubsys.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import common.TwoliterException;
import common.toml.TomlFile;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ExpirationPolicyTest {
    private static final Path SHIPPED = Path.of("../policies/repo-expiration/2w-2w-1w.toml");

    // P4
    @Test
    void load_shippedPolicy_readsTwoWeeksTwoWeeksOneWeek() throws TwoliterException {
        ExpirationPolicy policy = ExpirationPolicy.load(SHIPPED, "2w-2w-1w.toml");

        assertThat(policy).isEqualTo(new ExpirationPolicy(Duration.ofDays(14), Duration.ofDays(14),
                Duration.ofDays(7)));
    }

    @Test
    void expirations_fixedNow_addsEachOffset() throws TwoliterException {
        Instant now = Instant.parse("2024-01-01T00:00:00Z");

        ExpirationPolicy.Expirations expirations = ExpirationPolicy.load(SHIPPED, "2w-2w-1w.toml")
                .expirations(now, now);

        assertThat(expirations.snapshot()).isEqualTo(Instant.parse("2024-01-15T00:00:00Z"));
        assertThat(expirations.targets()).isEqualTo(Instant.parse("2024-01-15T00:00:00Z"));
        assertThat(expirations.timestamp()).isEqualTo(Instant.parse("2024-01-08T00:00:00Z"));
    }

    @Test
    void parse_hugeOffset_errorNamesKeyValueAndLimit() {
        String toml = """
                snapshot_expiration = '4294967295 weeks'
                targets_expiration = '2 weeks'
                timestamp_expiration = '1 week'
                """;

        assertThatThrownBy(() -> ExpirationPolicy.parse(TomlFile.parse(toml, "huge.toml")))
                .isInstanceOf(TwoliterException.class)
                .hasMessage("huge.toml:1:1: 'snapshot_expiration' is '4294967295 weeks', more than 100 years (36525"
                        + " days); use a shorter offset such as '2 weeks'");
    }

    @Test
    void parse_zeroOffset_errorSaysMetadataWouldBeExpired() {
        String toml = """
                snapshot_expiration = '2 weeks'
                targets_expiration = '2 weeks'
                timestamp_expiration = '0 days'
                """;

        assertThatThrownBy(() -> ExpirationPolicy.parse(TomlFile.parse(toml, "zero.toml")))
                .isInstanceOf(TwoliterException.class)
                .hasMessage("zero.toml:3:1: 'timestamp_expiration' is '0 days': the metadata would be expired when"
                        + " it is signed; use a positive offset such as '1 week'");
    }

    @Test
    void expiredAtSigning_startSoLongAgoThatARoleIsExpired_warnsNamingRoleAndDates() throws TwoliterException {
        ExpirationPolicy policy = ExpirationPolicy.load(SHIPPED, "2w-2w-1w.toml");
        Instant start = Instant.parse("2024-01-01T00:00:00Z");

        assertThat(policy.expiredAtSigning(start, start.plus(Duration.ofDays(10)))).containsExactly(
                "the timestamp metadata expires at 2024-01-08T00:00:00Z (start 2024-01-01T00:00:00Z), before it is"
                        + " signed at 2024-01-11T00:00:00Z: clients will refuse this repo; use a later"
                        + " RELEASE_START_TIME unless that is what you want");
        assertThat(policy.expiredAtSigning(start, start.plus(Duration.ofDays(6)))).isEmpty();
    }

    @Test
    void expirations_pastYear9999_errorNamesRole() throws TwoliterException {
        ExpirationPolicy policy = ExpirationPolicy.load(SHIPPED, "2w-2w-1w.toml");
        Instant start = Instant.parse("9999-12-25T00:00:00Z");

        assertThatThrownBy(() -> policy.expirations(start, start))
                .isInstanceOf(TwoliterException.class)
                .hasMessageStartingWith("the snapshot metadata expiry (start 9999-12-25T00:00:00Z plus"
                        + " snapshot_expiration 14 days) is +10000-01-08T00:00:00Z, outside 1970-01-01T00:00:00Z to"
                        + " 9999-12-31T23:59:59Z");
    }

    @Test
    void parse_extraKey_errorNamesFileAndKey() {
        String toml = """
                snapshot_expiration = '2 weeks'
                targets_expiration = '2 weeks'
                timestamp_expiration = '1 week'
                root_expiration = '1 week'
                """;

        assertThatThrownBy(() -> ExpirationPolicy.parse(TomlFile.parse(toml, "extra.toml")))
                .isInstanceOf(TwoliterException.class)
                .hasMessageStartingWith("extra.toml:4:1: 'root_expiration' is not a repo-expiration setting")
                .hasMessageContaining("snapshot_expiration, targets_expiration, timestamp_expiration");
    }

    @Test
    void parse_missingKey_errorNamesFileAndKey() {
        String toml = """
                snapshot_expiration = '2 weeks'
                targets_expiration = '2 weeks'
                """;

        assertThatThrownBy(() -> ExpirationPolicy.parse(TomlFile.parse(toml, "missing.toml")))
                .isInstanceOf(TwoliterException.class)
                .hasMessage("missing.toml: required key 'timestamp_expiration' is missing; add it as a string");
    }

    @Test
    void parse_badOffset_errorQuotesValueWithLocation() {
        String toml = """
                snapshot_expiration = '2 weeks'
                targets_expiration = '2 fortnights'
                timestamp_expiration = '1 week'
                """;

        assertThatThrownBy(() -> ExpirationPolicy.parse(TomlFile.parse(toml, "bad.toml")))
                .hasMessageStartingWith("bad.toml:2:1: 'targets_expiration' is not a valid offset: Date argument"
                        + " '2 fortnights' is invalid")
                .hasMessageContaining("hours/days/weeks");
    }

    @Test
    void parse_nonStringValue_errorNamesType() {
        String toml = """
                snapshot_expiration = 14
                targets_expiration = '2 weeks'
                timestamp_expiration = '1 week'
                """;

        assertThatThrownBy(() -> ExpirationPolicy.parse(TomlFile.parse(toml, "typed.toml")))
                .hasMessage("typed.toml:1:1: 'snapshot_expiration' must be a string, got the number 14");
    }
}
