package pubsys.ssm;

import common.TwoliterException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import pubsys.PublishLog;
import pubsys.aws.AwsClients;
import pubsys.aws.Sleeper;

/**
 * {@code promote-ssm} (pubsys.md §12): copies the values of one version's parameters (e.g. {@code 1.20.0-abc1234})
 * to the names the same templates give another version (e.g. {@code latest}), in every region.
 */
public final class SsmPromoter {
    private final ParameterStore store;
    private final Sleeper sleeper;
    private final PublishLog log;

    public SsmPromoter(AwsClients clients, Sleeper sleeper, PublishLog log) {
        this(new AwsParameterStore(clients, Clock.systemUTC(), sleeper), sleeper, log);
    }

    SsmPromoter(ParameterStore store, Sleeper sleeper, PublishLog log) {
        this.store = store;
        this.sleeper = sleeper;
        this.log = log;
    }

    public SsmOutcome promote(PromoteRequest request) throws TwoliterException {
        log.info("Promoting SSM parameters from " + request.source() + " to " + request.target());
        SortedMap<SsmKey, SsmKey> targetOf = targets(request);
        if (targetOf.isEmpty()) {
            return SsmOutcome.nothing();
        }
        ParameterSync sync = new ParameterSync(store, sleeper, log);
        SortedMap<SsmKey, String> source = sync.current(targetOf.keySet());
        if (source.isEmpty()) {
            throw TwoliterException.badInput("Found no parameters in source version " + request.source() + "; check"
                    + " --source (SSM_SOURCE) and that 'ssm' published that version in " + request.regions());
        }
        SortedMap<SsmKey, String> current = sync.current(targetOf.values());
        SortedMap<SsmKey, String> wanted = new TreeMap<>();
        source.forEach((key, value) -> wanted.put(targetOf.get(key), value));
        SortedMap<SsmKey, String> changes = ParameterDiff.toSet(wanted, current, log);
        if (changes.isEmpty()) {
            log.info("No changes necessary.");
            return new SsmOutcome(wanted, changes);
        }
        if (request.parameterOutput().isPresent()) {
            // Promoted values win over what the file had for the same name (upstream's combined_parameters_overwrite).
            SortedMap<SsmKey, String> merged = ParameterFile.readIfExists(request.parameterOutput().get());
            merged.putAll(changes);
            ParameterFile.write(request.parameterOutput().get(), merged);
        }
        sync.apply(changes);
        return new SsmOutcome(wanted, changes);
    }

    /**
     * The dry run of {@link #promote}: the target parameters, each mapped to the source parameter whose value it
     * would copy, and the calls promoting would make at most.
     */
    public SsmPlan plan(PromoteRequest request) throws TwoliterException {
        SortedMap<SsmKey, SsmKey> targetOf = targets(request);
        if (targetOf.isEmpty()) {
            return SsmPlan.empty();
        }
        SortedMap<SsmKey, String> copies = new TreeMap<>();
        targetOf.forEach((source, target) -> copies.put(target, source.name()));
        List<PlannedCall> calls = new ArrayList<>(ParameterFetcher.plan(targetOf.keySet()));
        calls.addAll(ParameterFetcher.plan(targetOf.values()));
        calls.addAll(SsmPublisher.puts(copies));
        return new SsmPlan(copies, calls);
    }

    /** Each source parameter (region x template) and the target parameter of the same template. */
    private SortedMap<SsmKey, SsmKey> targets(PromoteRequest request) throws TwoliterException {
        if (request.regions().isEmpty()) {
            throw TwoliterException.badInput("no regions to promote SSM parameters in; pass --regions or set"
                    + " 'regions' under [aws] in Infra.toml");
        }
        List<ParameterTemplate> templates = ParameterTemplates.applicable(
                ParameterTemplates.read(request.templatePath()), request.variant(), request.arch());
        if (templates.isEmpty()) {
            log.info("No parameters for this arch/variant in " + request.templatePath());
            return new TreeMap<>();
        }
        String prefix = request.ssmPrefix().orElse("");
        List<String> from = Rendering.names(templates,
                new BuildContext(request.variant(), request.arch(), request.source()), prefix);
        List<String> to = Rendering.names(templates,
                new BuildContext(request.variant(), request.arch(), request.target()), prefix);
        SortedMap<SsmKey, SsmKey> targetOf = new TreeMap<>();
        for (String region : request.regions()) {
            for (int i = 0; i < from.size(); i++) {
                targetOf.put(new SsmKey(region, from.get(i)), new SsmKey(region, to.get(i)));
            }
        }
        return targetOf;
    }
}
