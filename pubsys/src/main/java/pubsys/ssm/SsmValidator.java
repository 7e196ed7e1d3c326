package pubsys.ssm;

import common.TwoliterException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import pubsys.PublishLog;
import pubsys.aws.AwsClients;
import pubsys.aws.Parallel;
import pubsys.aws.Sleeper;

/**
 * {@code validate-ssm} (pubsys.md §12, V1): reads every parameter under the SSM prefix in each region of an
 * expected-parameters file and says which are correct, incorrect, missing, unexpected or unreachable. Bad results
 * are the report, not an error.
 */
public final class SsmValidator {
    /** One region's parameters under the path, or why they could not be read. */
    private record Read(Optional<Map<String, String>> values, String error) {
    }

    private final ParameterStore store;
    private final PublishLog log;

    public SsmValidator(AwsClients clients, Sleeper sleeper, PublishLog log) {
        this(new AwsParameterStore(clients, Clock.systemUTC(), sleeper), log);
    }

    SsmValidator(ParameterStore store, PublishLog log) {
        this.store = store;
        this.log = log;
    }

    public SsmValidation validate(ValidateSsmRequest request) throws TwoliterException {
        SortedMap<String, SortedMap<String, String>> expected = ParameterFile.readByRegion(
                request.expectedParameters());
        String path = path(request);
        List<String> regions = List.copyOf(expected.keySet());
        // A region that cannot be read is a result (Unreachable), not a failure of the command.
        List<Read> reads = Parallel.map(regions, ParameterFetcher.CONCURRENCY, region -> {
            try {
                return new Read(Optional.of(store.byPath(region, path)), "");
            } catch (TwoliterException e) {
                return new Read(Optional.empty(), e.getMessage());
            }
        });
        SortedMap<String, List<ValidationResult>> results = new TreeMap<>();
        for (int i = 0; i < regions.size(); i++) {
            String region = regions.get(i);
            Read read = reads.get(i);
            if (read.values().isEmpty()) {
                log.error("Cannot read SSM parameters in " + region + "; reporting them unreachable: " + read.error());
            }
            results.put(region, compare(region, expected.get(region), read.values(), request.checkUnexpected()));
        }
        return new SsmValidation(results);
    }

    /** The dry run of {@link #validate}: the expected parameters and one GetParametersByPath per region. */
    public SsmPlan plan(ValidateSsmRequest request) throws TwoliterException {
        SortedMap<String, SortedMap<String, String>> expected = ParameterFile.readByRegion(
                request.expectedParameters());
        SortedMap<SsmKey, String> flat = new TreeMap<>();
        List<PlannedCall> calls = new ArrayList<>();
        expected.forEach((region, values) -> {
            values.forEach((name, value) -> flat.put(new SsmKey(region, name), value));
            calls.add(PlannedCall.ssm(region, "GetParametersByPath", List.of(path(request))));
        });
        return new SsmPlan(flat, calls);
    }

    static List<ValidationResult> compare(String region, Map<String, String> expected,
                                          Optional<Map<String, String>> actual, boolean checkUnexpected) {
        List<ValidationResult> results = new ArrayList<>();
        if (actual.isEmpty()) {
            expected.forEach((name, value) -> results.add(new ValidationResult(new SsmKey(region, name),
                    Optional.of(value), Optional.empty(), ValidationStatus.UNREACHABLE)));
            return results;
        }
        Map<String, String> unmatched = new HashMap<>(actual.get());
        expected.forEach((name, value) -> {
            String found = unmatched.remove(name);
            ValidationStatus status = found == null ? ValidationStatus.MISSING
                    : found.equals(value) ? ValidationStatus.CORRECT : ValidationStatus.INCORRECT;
            results.add(new ValidationResult(new SsmKey(region, name), Optional.of(value), Optional.ofNullable(found),
                    status));
        });
        if (checkUnexpected) {
            unmatched.forEach((name, value) -> results.add(new ValidationResult(new SsmKey(region, name),
                    Optional.empty(), Optional.of(value), ValidationStatus.UNEXPECTED)));
        }
        return results;
    }

    // Upstream passes the prefix, or "" without one, which SSM rejects: a path must start with "/". "/" reads the
    // whole account, which is what an empty prefix means.
    private static String path(ValidateSsmRequest request) {
        return request.ssmPrefix().filter(p -> !p.isEmpty()).orElse("/");
    }
}
