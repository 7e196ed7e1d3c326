package pubsys.ssm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class ReadBackTest {
    final FakeStore store = new FakeStore();
    final RecordingSleeper sleeper = new RecordingSleeper();
    final RecordingLog log = new RecordingLog();
    final ReadBack readBack = new ReadBack(new ParameterFetcher(store, log), sleeper, log);
    final SsmKey a = new SsmKey("us-west-2", "/a");
    final SsmKey b = new SsmKey("us-west-2", "/b");

    SortedMap<SsmKey, String> expected() {
        SortedMap<SsmKey, String> m = new TreeMap<>();
        m.put(a, "1");
        m.put(b, "2");
        return m;
    }

    @Test
    void verify_allPresent_noWait() throws Exception {
        store.values.putAll(expected());

        readBack.verify(expected());

        assertThat(sleeper.pauses).isEmpty();
        assertThat(log.errors).isEmpty();
    }

    // Upstream's backoff is 2000^n ms (QUIRK); ours is a bounded 2, 4, 8 s.
    @Test
    void verify_neverRight_threeBoundedRetriesThenFails() {
        store.values.put(a, "old");

        assertThatThrownBy(() -> readBack.verify(expected()))
                .hasMessage("Failed to validate all changes; see above.");
        assertThat(sleeper.millis()).containsExactly(2000L, 4000L, 8000L);
        assertThat(store.gets).hasSize(4);
        assertThat(log.errors).containsExactlyInAnyOrder("Failed to set /a in us-west-2",
                "/b in us-west-2 still doesn't exist");
    }

    @Test
    void verify_rightOnSecondLook_succeedsAfterOneWait() throws Exception {
        store.values.put(a, "1");
        sleeper.onSleep = () -> store.values.put(b, "2");

        readBack.verify(expected());

        assertThat(sleeper.millis()).containsExactly(2000L);
        assertThat(log.errors).isEmpty();
        assertThat(log.warnings).containsExactly("/b in us-west-2 still doesn't exist");
    }
}
