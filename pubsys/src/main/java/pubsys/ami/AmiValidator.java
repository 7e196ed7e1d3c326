package pubsys.ami;

import common.TwoliterException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import pubsys.PublishLog;
import pubsys.aws.AwsClients;
import pubsys.aws.Parallel.Outcome;
import pubsys.aws.Parallel;

/**
 * {@code validate-ami}: compares the AMIs an expected file lists with what EC2 reports in each region (pubsys.md
 * §12). Bad results are returned, not thrown: the CLI exits 0 as upstream, or chooses otherwise from the counts.
 */
public final class AmiValidator {
    private final AwsClients clients;

    /** @param clients EC2 clients; their base region is the first of Infra.toml's {@code [aws] regions} */
    public AmiValidator(AwsClients clients) {
        this.clients = clients;
    }

    /** Validates every region of the expected file, four at a time; writes the results file when asked. */
    public AmiValidationResults validate(AmiValidationRequest request, PublishLog log) throws TwoliterException {
        Map<String, List<AmiValidationImageDef>> expected = AmiValidationExpected.read(request.expectedAmis());
        List<String> regions = List.copyOf(expected.keySet());
        log.info("validating " + expected.values().stream().mapToInt(List::size).sum() + " AMI(s) in "
                + regions.size() + " region(s)");
        Map<String, Outcome<String, Map<String, AmiValidationImageDef>>> actual = Parallel.perRegion(regions,
                r -> AmiValidationFetch.actual(clients.ec2(r), r, expected.get(r)));
        List<AmiValidationResult> results = new ArrayList<>();
        for (String region : regions) {
            Outcome<String, Map<String, AmiValidationImageDef>> o = actual.get(region);
            if (o.ok()) {
                results.addAll(compare(region, expected.get(region), o.value()));
            } else {
                log.error(o.error().getMessage() + "; its " + expected.get(region).size() + " AMI(s) are"
                        + " Unreachable");
                results.addAll(unreachable(region, expected.get(region)));
            }
        }
        AmiValidationResults out = new AmiValidationResults(regions, results);
        if (request.writeResults().isPresent()) {
            out.writeResults(request.writeResults().get(), request.writeResultsFilter());
            log.info("wrote " + out.withStatus(request.writeResultsFilter()).size() + " result(s) to '"
                    + request.writeResults().get() + "'");
        }
        return out;
    }

    /** The AWS calls {@link #validate} would make, one per line, each starting with its region. */
    public static List<String> plan(AmiValidationRequest request) throws TwoliterException {
        List<String> lines = new ArrayList<>();
        for (Map.Entry<String, List<AmiValidationImageDef>> e
                : AmiValidationExpected.read(request.expectedAmis()).entrySet()) {
            String region = e.getKey();
            List<String> ids = e.getValue().stream().map(AmiValidationImageDef::id).distinct().toList();
            if (ids.isEmpty()) {
                continue;
            }
            lines.add(region + ": DescribeImages ImageIds=" + ids + " IncludeDeprecated=true");
            e.getValue().stream().filter(d -> !d.isPublic()).map(AmiValidationImageDef::id).distinct()
                    .forEach(id -> lines.add(region + ": DescribeImageAttribute ImageId=" + id
                            + " Attribute=launchPermission (if the image exists)"));
        }
        request.writeResults().ifPresent(p -> lines.add("write results to '" + p + "'"));
        return lines;
    }

    /**
     * Each expected definition against EC2's: absent is Missing, equal is Correct, different is Incorrect. For
     * images expected public, launch permissions are not compared, as upstream.
     */
    static List<AmiValidationResult> compare(String region, List<AmiValidationImageDef> expected,
                                             Map<String, AmiValidationImageDef> actual) {
        List<AmiValidationResult> out = new ArrayList<>();
        for (AmiValidationImageDef want : expected) {
            Optional<AmiValidationImageDef> have = Optional.ofNullable(actual.get(want.id()));
            AmiValidationImageDef compared = want.isPublic() ? want.withoutLaunchPermissions() : want;
            AmiValidationStatus status = have.isEmpty() ? AmiValidationStatus.MISSING
                    : compared.matches(have.get()) ? AmiValidationStatus.CORRECT : AmiValidationStatus.INCORRECT;
            out.add(new AmiValidationResult(region, compared, have, status));
        }
        return out;
    }

    static List<AmiValidationResult> unreachable(String region, List<AmiValidationImageDef> expected) {
        return expected.stream().map(d -> new AmiValidationResult(region, d, Optional.empty(),
                AmiValidationStatus.UNREACHABLE)).toList();
    }
}
