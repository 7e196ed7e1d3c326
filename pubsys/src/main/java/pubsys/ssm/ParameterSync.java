package pubsys.ssm;

import common.TwoliterException;
import java.util.Collection;
import java.util.SortedMap;
import pubsys.PublishLog;
import pubsys.aws.Sleeper;

/** The SSM steps of {@code ssm} and {@code promote-ssm}: fetch current values, set the changes, read them back. */
final class ParameterSync {
    private final ParameterFetcher fetcher;
    private final ParameterWriter writer;
    private final ReadBack readBack;
    private final PublishLog log;

    ParameterSync(ParameterStore store, Sleeper sleeper, PublishLog log) {
        this.fetcher = new ParameterFetcher(store, log);
        this.writer = new ParameterWriter(store, sleeper, log);
        this.readBack = new ReadBack(fetcher, sleeper, log);
        this.log = log;
    }

    SortedMap<SsmKey, String> current(Collection<SsmKey> keys) throws TwoliterException {
        return fetcher.fetch(keys);
    }

    void apply(SortedMap<SsmKey, String> changes) throws TwoliterException {
        log.info("Setting " + changes.size() + " SSM parameters");
        writer.put(changes);
        log.info("Validating whether live parameters in SSM reflect changes");
        readBack.verify(changes);
        log.info("All parameters match requested values");
    }
}
