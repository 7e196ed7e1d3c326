package pubsys.aws;

import common.Causes;
import common.ErrorCategory;
import common.TwoliterException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import pubsys.infra.AwsConfig;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.ebs.EbsClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * The EC2, EBS, SSM and STS clients of the publishing commands, one per service and region, with the credentials
 * AWS users expect (pubsys.md §3): the named profile of {@code [aws] profile} or the default chain, then
 * {@code [aws] role}, then the region's {@code [aws.region.<r>] role}, each assumed through STS in the base region
 * with session name {@code pubsys}. Endpoints follow {@code AWS_ENDPOINT_URL[_<SERVICE>]}; the HTTP client is
 * url-connection. Close it to release every client it made.
 */
public final class AwsClients implements AutoCloseable {
    /** How the SDK retries a failed call: attempts in all, and the exponential backoff's base and cap. */
    public record Retries(int maxAttempts, Duration baseDelay, Duration maxDelay) {
        /** More patient than the SDK's 3 attempts: a release pipeline should ride out throttling bursts. */
        public static final Retries DEFAULT = new Retries(6, Duration.ofMillis(200), Duration.ofSeconds(20));

        public Retries {
            if (maxAttempts < 1) {
                throw new IllegalArgumentException("maxAttempts must be at least 1");
            }
            Objects.requireNonNull(baseDelay);
            Objects.requireNonNull(maxDelay);
        }
    }

    private final AwsConfig config;
    private final String baseRegion;
    private final AwsEndpoints endpoints;
    private final AwsCredentialsProvider baseCredentials;
    private final Retries retries;
    private final Map<String, AwsCredentialsProvider> credentials = new ConcurrentHashMap<>();
    private final Map<String, Object> clients = new ConcurrentHashMap<>();
    private final List<SdkAutoCloseable> closeables = new ArrayList<>();
    private AwsCredentialsProvider global;

    /**
     * @param config          Infra.toml's {@code [aws]} (profile, roles)
     * @param baseRegion      the first region of the run; STS role assumption happens there
     * @param env             environment variables with endpoint overrides
     * @param baseCredentials credentials before any role; empty means the profile or the default chain
     * @param retries         the SDK retry policy of every client
     */
    public AwsClients(AwsConfig config, String baseRegion, Map<String, String> env,
                      Optional<AwsCredentialsProvider> baseCredentials, Retries retries) {
        this.config = Objects.requireNonNull(config);
        this.baseRegion = Objects.requireNonNull(baseRegion);
        this.endpoints = new AwsEndpoints(env);
        this.retries = Objects.requireNonNull(retries);
        this.baseCredentials = baseCredentials.orElseGet(() -> config.profile()
                .<AwsCredentialsProvider>map(ProfileCredentialsProvider::create)
                .orElseGet(() -> DefaultCredentialsProvider.builder().build()));
    }

    /**
     * Clients for a run whose regions start with {@code baseRegion}, configured from {@code env} (the process
     * environment plus the CLI's settings): endpoint overrides, and static keys from {@code AWS_ACCESS_KEY_ID},
     * {@code AWS_SECRET_ACCESS_KEY} and {@code AWS_SESSION_TOKEN} when Infra.toml names no profile; otherwise the
     * profile or the default chain.
     */
    public static AwsClients forRun(AwsConfig config, String baseRegion, Map<String, String> env) {
        String key = env.get("AWS_ACCESS_KEY_ID");
        String secret = env.get("AWS_SECRET_ACCESS_KEY");
        Optional<AwsCredentialsProvider> base = Optional.empty();
        if (config.profile().isEmpty() && key != null && !key.isBlank() && secret != null && !secret.isBlank()) {
            String token = env.get("AWS_SESSION_TOKEN");
            base = Optional.of(StaticCredentialsProvider.create(token == null || token.isBlank()
                    ? AwsBasicCredentials.create(key, secret) : AwsSessionCredentials.create(key, secret, token)));
        }
        return new AwsClients(config, baseRegion, env, base, Retries.DEFAULT);
    }

    public String baseRegion() {
        return baseRegion;
    }

    public Ec2Client ec2(String region) throws TwoliterException {
        return client("ec2", region, Ec2Client::builder);
    }

    public EbsClient ebs(String region) throws TwoliterException {
        return client("ebs", region, EbsClient::builder);
    }

    public SsmClient ssm(String region) throws TwoliterException {
        return client("ssm", region, SsmClient::builder);
    }

    public StsClient sts(String region) throws TwoliterException {
        return client("sts", region, StsClient::builder);
    }

    /**
     * A fresh EC2 client that is not cached, for pollers that upstream gives a new client per attempt so that
     * refreshed credentials are picked up. The caller closes it.
     */
    public Ec2Client newEc2(String region) throws TwoliterException {
        return build(Ec2Client.builder(), "ec2", region, credentialsFor(region), false);
    }

    /** The credentials used in {@code region}: base, then the global role, then the region's role. */
    public AwsCredentialsProvider credentialsFor(String region) throws TwoliterException {
        AwsCredentialsProvider existing = credentials.get(region);
        if (existing != null) {
            return existing;
        }
        AwsCredentialsProvider chain = globalCredentials();
        String regional = config.regionRoles().get(region);
        if (regional != null) {
            chain = assume(chain, regional);
        }
        AwsCredentialsProvider raced = credentials.putIfAbsent(region, chain);
        return raced != null ? raced : chain;
    }

    /** The base credentials, through {@code [aws] role} when set; one provider shared by every region. */
    private synchronized AwsCredentialsProvider globalCredentials() throws TwoliterException {
        if (global == null) {
            global = config.role().isPresent() ? assume(baseCredentials, config.role().get()) : baseCredentials;
        }
        return global;
    }

    private AwsCredentialsProvider assume(AwsCredentialsProvider from, String roleArn) throws TwoliterException {
        StsClient sts = build(StsClient.builder(), "sts", baseRegion, from, true);
        StsAssumeRoleCredentialsProvider provider = StsAssumeRoleCredentialsProvider.builder().stsClient(sts)
                .refreshRequest(r -> r.roleArn(roleArn).roleSessionName("pubsys")).asyncCredentialUpdateEnabled(false)
                .build();
        synchronized (closeables) {
            closeables.add(provider);
        }
        return provider;
    }

    @SuppressWarnings("unchecked")
    private <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C extends SdkAutoCloseable> C client(
            String service, String region, java.util.function.Supplier<B> builder) throws TwoliterException {
        String key = service + "@" + region;
        Object existing = clients.get(key);
        if (existing != null) {
            return (C) existing;
        }
        C made = build(builder.get(), service, region, credentialsFor(region), true);
        Object raced = clients.putIfAbsent(key, made);
        if (raced != null) {
            made.close();
            return (C) raced;
        }
        return made;
    }

    private <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C extends SdkAutoCloseable> C build(
            B builder, String service, String region, AwsCredentialsProvider creds, boolean track)
            throws TwoliterException {
        builder.credentialsProvider(creds);
        builder.httpClientBuilder(UrlConnectionHttpClient.builder());
        builder.region(Region.of(region));
        BackoffStrategy backoff = BackoffStrategy.exponentialDelay(retries.baseDelay(), retries.maxDelay());
        builder.overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder()
                .maxAttempts(retries.maxAttempts()).backoffStrategy(backoff).throttlingBackoffStrategy(backoff)
                .build()));
        Optional<URI> endpoint = endpoints.endpointFor(service);
        endpoint.ifPresent(builder::endpointOverride);
        try {
            C client = builder.build();
            if (track) {
                synchronized (closeables) {
                    closeables.add(client);
                }
            }
            return client;
        } catch (SdkClientException e) {
            throw new TwoliterException(ErrorCategory.BAD_INPUT, "cannot create the AWS " + service + " client for"
                    + " region '" + region + "': " + Causes.describe(e));
        }
    }

    @Override
    public void close() {
        synchronized (closeables) {
            for (SdkAutoCloseable c : closeables) {
                try {
                    c.close();
                } catch (RuntimeException ignored) {
                    // Closing is best effort; nothing more can be done here.
                }
            }
            closeables.clear();
            clients.clear();
        }
    }
}
