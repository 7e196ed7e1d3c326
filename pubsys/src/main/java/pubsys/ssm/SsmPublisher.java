package pubsys.ssm;

import common.TwoliterException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import pubsys.PublishLog;
import pubsys.ami.AmiRecord;
import pubsys.ami.AmisFile;
import pubsys.aws.AwsClients;
import pubsys.aws.Sleeper;

/**
 * {@code ssm} (pubsys.md §12): renders the parameter templates for each region's image of an amis.json and makes SSM
 * hold them, refusing to point public names at private images or to overwrite values unless allowed.
 */
public final class SsmPublisher {
    private final ParameterStore store;
    private final PublicNamespaceCheck publicCheck;
    private final Sleeper sleeper;
    private final PublishLog log;

    /** @param sleeper pauses of the request pacing and retries; tests pass one that does not sleep */
    public SsmPublisher(AwsClients clients, Sleeper sleeper, PublishLog log) {
        this(new AwsParameterStore(clients, Clock.systemUTC(), sleeper),
                new PublicNamespaceCheck(ImageVisibility.ec2(clients), Clock.systemUTC(), sleeper, log), sleeper, log);
    }

    SsmPublisher(ParameterStore store, PublicNamespaceCheck publicCheck, Sleeper sleeper, PublishLog log) {
        this.store = store;
        this.publicCheck = publicCheck;
        this.sleeper = sleeper;
        this.log = log;
    }

    public SsmOutcome publish(SsmRequest request) throws TwoliterException {
        SortedMap<SsmKey, Rendering.ImageParameter> rendered = render(request);
        if (rendered.isEmpty()) {
            return SsmOutcome.nothing();
        }
        SortedMap<SsmKey, String> wanted = values(rendered);
        if (request.parameterOutput().isPresent()) {
            ParameterFile.write(request.parameterOutput().get(), wanted);
            log.info("Wrote " + wanted.size() + " rendered SSM parameters to " + request.parameterOutput().get());
        }
        if (!request.allowPrivateImages()) {
            publicCheck.requirePublic(rendered);
        }
        ParameterSync sync = new ParameterSync(store, sleeper, log);
        SortedMap<SsmKey, String> current = sync.current(wanted.keySet());
        SortedMap<SsmKey, String> changes = ParameterDiff.toSet(wanted, current, log);
        if (changes.isEmpty()) {
            log.info("No changes necessary.");
            return new SsmOutcome(wanted, changes);
        }
        if (!request.allowClobber()) {
            List<String> existing = changes.keySet().stream().filter(current::containsKey).map(SsmKey::toString)
                    .toList();
            if (!existing.isEmpty()) {
                throw TwoliterException.badInput("Cowardly refusing to overwrite parameters without ALLOW_CLOBBER: "
                        + String.join(", ", existing) + "; pass --allow-clobber to replace their values");
            }
        }
        sync.apply(changes);
        return new SsmOutcome(wanted, changes);
    }

    /**
     * The dry run of {@link #publish}: renders the parameters (reading amis.json and the templates) and lists the AWS
     * calls publishing would make, without making any or writing the output file.
     */
    public SsmPlan plan(SsmRequest request) throws TwoliterException {
        SortedMap<SsmKey, Rendering.ImageParameter> rendered = render(request);
        if (rendered.isEmpty()) {
            return SsmPlan.empty();
        }
        SortedMap<SsmKey, String> wanted = values(rendered);
        List<PlannedCall> calls = new ArrayList<>();
        if (!request.allowPrivateImages()) {
            calls.addAll(PublicNamespaceCheck.plan(rendered));
        }
        calls.addAll(ParameterFetcher.plan(wanted.keySet()));
        calls.addAll(puts(wanted));
        return new SsmPlan(wanted, calls);
    }

    /** One PlannedCall per region naming every parameter that might be put there. */
    static List<PlannedCall> puts(SortedMap<SsmKey, String> parameters) {
        SortedMap<String, List<String>> byRegion = new TreeMap<>();
        parameters.keySet().forEach(k -> byRegion.computeIfAbsent(k.region(), r -> new ArrayList<>()).add(k.name()));
        List<PlannedCall> calls = new ArrayList<>();
        byRegion.forEach((region, names) -> calls.add(PlannedCall.ssm(region, "PutParameter", names)));
        return calls;
    }

    private SortedMap<SsmKey, Rendering.ImageParameter> render(SsmRequest request) throws TwoliterException {
        Map<String, AmiRecord> amis = images(request);
        log.info("Parsing SSM parameter templates from " + request.templatePath());
        List<ParameterTemplate> templates = ParameterTemplates.applicable(
                ParameterTemplates.read(request.templatePath()), request.variant(), request.arch());
        if (templates.isEmpty()) {
            log.info("No parameters for this arch/variant in " + request.templatePath());
            return new TreeMap<>();
        }
        BuildContext build = new BuildContext(request.variant(), request.arch(), request.version());
        return Rendering.forImages(templates, build, amis, request.ssmPrefix().orElse(""));
    }

    /** The images of the requested regions, which must all be in amis.json (pubsys.md §11 step 2). */
    private Map<String, AmiRecord> images(SsmRequest request) throws TwoliterException {
        if (request.regions().isEmpty()) {
            throw TwoliterException.badInput("no regions to publish SSM parameters in; pass --regions or set"
                    + " 'regions' under [aws] in Infra.toml");
        }
        log.info("Using AMI data from path: " + request.amiInput());
        Map<String, AmiRecord> all = AmisFile.read(request.amiInput());
        if (all.isEmpty()) {
            throw TwoliterException.badInput("Input '" + request.amiInput() + "' is empty; point --ami-input at the"
                    + " amis.json that 'ami' wrote");
        }
        List<String> unknown = request.regions().stream().filter(r -> !all.containsKey(r)).distinct().toList();
        if (!unknown.isEmpty()) {
            throw TwoliterException.badInput("Given region(s) in Infra.toml / regions argument that are not in"
                    + " --ami-input file: " + String.join(", ", unknown) + "; '" + request.amiInput() + "' has "
                    + String.join(", ", all.keySet()));
        }
        Map<String, AmiRecord> amis = new LinkedHashMap<>();
        request.regions().forEach(r -> amis.put(r, all.get(r)));
        return amis;
    }

    private static SortedMap<SsmKey, String> values(SortedMap<SsmKey, Rendering.ImageParameter> rendered) {
        SortedMap<SsmKey, String> values = new TreeMap<>();
        rendered.forEach((key, p) -> values.put(key, p.value()));
        return values;
    }
}
