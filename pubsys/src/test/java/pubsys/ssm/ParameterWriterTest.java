package pubsys.ssm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import common.ErrorCategory;
import common.TwoliterException;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ParameterWriterTest {
    final FakeStore store = new FakeStore();
    final RecordingSleeper sleeper = new RecordingSleeper();
    final RecordingLog log = new RecordingLog();
    final ParameterWriter writer = new ParameterWriter(store, sleeper, log);

    static SortedMap<SsmKey, String> params(String... regionAndNames) {
        SortedMap<SsmKey, String> out = new TreeMap<>();
        for (String s : regionAndNames) {
            String[] parts = s.split(" ");
            out.put(new SsmKey(parts[0], parts[1]), "value-of-" + parts[1]);
        }
        return out;
    }

    @Test
    void put_noTrouble_everyParameterSetOncePacedAtFirstInterval() throws Exception {
        writer.put(params("us-west-2 /a", "us-west-2 /b", "us-east-1 /a"));

        assertThat(store.values).hasSize(3);
        assertThat(store.puts).hasSize(3);
        assertThat(sleeper.millis()).containsExactly(100L, 100L, 100L);
    }

    // S4 (pubsys.md §16): 100 -> 200 -> 400 -> 800 -> 1600, and the next doubling (3200) is beyond the limit.
    @Test
    void put_alwaysThrottled_intervalDoublesToLimitThenFails() {
        store.onPut = k -> new ParameterStore.Put.Throttled("ThrottlingException");

        assertThatThrownBy(() -> writer.put(params("us-west-2 /a")))
                .isInstanceOf(TwoliterException.class)
                .hasMessageStartingWith("SSM requests throttled too many times, went beyond our max interval 1.6s")
                .extracting(e -> ((TwoliterException) e).category()).isEqualTo(ErrorCategory.FAILURE);
        assertThat(sleeper.millis()).containsExactly(100L, 200L, 400L, 800L, 1600L);
        assertThat(store.puts).hasSize(5);
    }

    @Test
    void put_throttledTwice_slowsDownOncePerBatchAndSucceeds() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        store.onPut = k -> calls.incrementAndGet() <= 3 ? new ParameterStore.Put.Throttled("ThrottlingException")
                : new ParameterStore.Put.Done();

        writer.put(params("us-west-2 /a", "us-west-2 /b"));

        // Batch 1: both throttled (one doubling, not two); batch 2: /a throttled, /b done; batch 3: /a done.
        assertThat(sleeper.millis()).containsExactly(100L, 100L, 200L, 200L, 400L);
        assertThat(store.values).hasSize(2);
        assertThat(log.warnings).hasSize(2).allMatch(w -> w.contains("throttled"));
    }

    @Test
    void put_otherFailures_retriedAtSameIntervalUpToFiveAttempts() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        store.onPut = k -> calls.incrementAndGet() <= 4 ? new ParameterStore.Put.Failed("InternalServerError")
                : new ParameterStore.Put.Done();

        writer.put(params("us-west-2 /a"));

        assertThat(store.puts).hasSize(5);
        assertThat(sleeper.millis()).containsOnly(100L);
    }

    // Upstream's F counts regions with failures (QUIRK); here it counts parameters.
    @Test
    void put_twoParametersAlwaysFail_failedToSetTwoOfFour() {
        SortedMap<SsmKey, String> params = params("us-west-2 /a", "us-west-2 /b", "us-west-2 /c", "us-east-1 /a");
        store.onPut = k -> k.name().equals("/c") || k.equals(new SsmKey("us-west-2", "/a"))
                ? new ParameterStore.Put.Failed("AccessDeniedException: no") : new ParameterStore.Put.Done();

        assertThatThrownBy(() -> writer.put(params)).hasMessageStartingWith("Failed to set 2 of 4 parameters");
        assertThat(store.putsOf(new SsmKey("us-west-2", "/c"))).isEqualTo(5);
        assertThat(store.putsOf(new SsmKey("us-east-1", "/a"))).isEqualTo(1);
        assertThat(log.errors).containsExactly(
                "Failed to set /a to value-of-/a in us-west-2: AccessDeniedException: no",
                "Failed to set /c to value-of-/c in us-west-2: AccessDeniedException: no");
    }
}
