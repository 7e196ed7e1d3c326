package pubsys.ssm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ParameterFetcherTest {
    final FakeStore store = new FakeStore();
    final RecordingLog log = new RecordingLog();

    @Test
    void fetch_25Names_chunksOfTenPerRegion() throws Exception {
        List<SsmKey> keys = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            keys.add(new SsmKey("us-west-2", String.format("/p/%02d", i)));
        }
        keys.add(new SsmKey("us-east-1", "/p/00"));
        store.values.put(new SsmKey("us-west-2", "/p/07"), "seven");

        assertThat(new ParameterFetcher(store, log).fetch(keys))
                .containsExactly(java.util.Map.entry(new SsmKey("us-west-2", "/p/07"), "seven"));
        assertThat(store.gets).extracting(List::size).containsExactlyInAnyOrder(1, 10, 10, 5);
    }

    @Test
    void fetch_invalidNamespace_regionEmptyWithOneWarning() throws Exception {
        store.invalidNamespaces.add("ap-south-2");
        store.values.put(new SsmKey("ap-south-2", "/a"), "hidden");
        List<SsmKey> keys = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            keys.add(new SsmKey("ap-south-2", "/n" + i));
        }

        assertThat(new ParameterFetcher(store, log).fetch(keys)).isEmpty();
        assertThat(log.warnings).containsExactly(
                "Invalid namespace in ap-south-2, this is OK for the first publish in a region");
    }

    @Test
    void plan_names_oneGetParametersPerChunk() {
        List<SsmKey> keys = List.of(new SsmKey("us-west-2", "/b"), new SsmKey("us-west-2", "/a"),
                new SsmKey("eu-west-1", "/a"));

        assertThat(ParameterFetcher.plan(keys)).extracting(PlannedCall::toString).containsExactly(
                "ssm GetParameters eu-west-1: /a", "ssm GetParameters us-west-2: /a, /b");
    }
}
