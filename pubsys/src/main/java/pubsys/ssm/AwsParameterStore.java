package pubsys.ssm;

import common.ErrorCategory;
import common.TwoliterException;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import pubsys.aws.AwsClients;
import pubsys.aws.AwsErrors;
import pubsys.aws.Sleeper;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ssm.model.GetParametersByPathResponse;
import software.amazon.awssdk.services.ssm.model.GetParametersResponse;
import software.amazon.awssdk.services.ssm.model.Parameter;
import software.amazon.awssdk.services.ssm.model.ParameterType;

/**
 * {@link ParameterStore} over the AWS SDK's SSM clients. Reads are limited per region to 40 a second with bursts of
 * 20, as upstream's governor (without its 20 ms jitter: each region has its own bucket, so there is nothing to
 * de-synchronise).
 */
final class AwsParameterStore implements ParameterStore {
    static final String INVALID_NAMESPACE = "is not a valid namespace";

    private final AwsClients clients;
    private final Clock clock;
    private final Sleeper sleeper;
    private final Map<String, RateLimiter> readLimits = new ConcurrentHashMap<>();

    AwsParameterStore(AwsClients clients, Clock clock, Sleeper sleeper) {
        this.clients = clients;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    @Override
    public Fetch get(String region, List<String> names) throws TwoliterException {
        if (names.size() > MAX_NAMES_PER_GET) {
            throw new IllegalArgumentException("GetParameters takes at most 10 names, got " + names.size());
        }
        readLimit(region).acquire();
        GetParametersResponse r;
        try {
            r = clients.ssm(region).getParameters(b -> b.names(names));
        } catch (SdkException e) {
            String described = AwsErrors.describe("GetParameters", region, e);
            if (described.contains(INVALID_NAMESPACE)) {
                return new Fetch.InvalidNamespace(described);
            }
            throw new TwoliterException(ErrorCategory.FAILURE, described, e);
        }
        // Upstream checks that SSM accounted for every name, found or invalid.
        if (r.parameters().size() + r.invalidParameters().size() != names.size()) {
            throw new TwoliterException(ErrorCategory.FAILURE, "GetParameters in " + region + " answered for "
                    + r.parameters().size() + " parameters and " + r.invalidParameters().size() + " invalid ones,"
                    + " but was asked for " + names.size() + ": " + names);
        }
        Map<String, String> values = new HashMap<>();
        for (Parameter p : r.parameters()) {
            values.put(p.name(), p.value());
        }
        return new Fetch.Found(values);
    }

    @Override
    public Put put(String region, String name, String value) throws TwoliterException {
        try {
            clients.ssm(region).putParameter(b -> b.name(name).value(value).overwrite(true)
                    .type(ParameterType.STRING));
            return new Put.Done();
        } catch (SdkException e) {
            String described = AwsErrors.describe("PutParameter (" + name + ")", region, e);
            // Upstream matches the error code's text too; the SDK has no throttling type for SSM.
            return AwsErrors.code(e).contains("ThrottlingException") ? new Put.Throttled(described)
                    : new Put.Failed(described);
        }
    }

    @Override
    public Map<String, String> byPath(String region, String path) throws TwoliterException {
        Map<String, String> values = new HashMap<>();
        String token = null;
        do {
            readLimit(region).acquire();
            String next = token;
            GetParametersByPathResponse r;
            try {
                r = clients.ssm(region).getParametersByPath(b -> b.path(path).recursive(true).nextToken(next));
            } catch (SdkException e) {
                throw AwsErrors.failure("GetParametersByPath (" + path + ")", region, e);
            }
            for (Parameter p : r.parameters()) {
                values.put(p.name(), p.value());
            }
            token = r.nextToken();
        } while (token != null && !token.isEmpty());
        return values;
    }

    private RateLimiter readLimit(String region) {
        return readLimits.computeIfAbsent(region, r -> new RateLimiter(40, 20, clock, sleeper));
    }
}
