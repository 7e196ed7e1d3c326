package pubsys.keys;

import common.Causes;
import common.ErrorCategory;
import common.TwoliterException;
import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import pubsys.aws.AwsEndpoints;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * Builds the KMS and SSM clients that signing keys use (pubsys.md §2.2: the default credential chain, not Infra.toml's
 * role or profile). The HTTP client is always url-connection. {@code AWS_ENDPOINT_URL_<SERVICE>}, else
 * {@code AWS_ENDPOINT_URL}, overrides the endpoint (emulators, tests) unless
 * {@code AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true}.
 */
public final class AwsClientFactory {
    private final Map<String, String> env;
    private final Optional<Region> defaultRegion;
    private final AwsCredentialsProvider credentials;

    /**
     * @param env            environment variables to read endpoint overrides from
     * @param defaultRegion  region for clients that get none; empty means the SDK's default region chain
     * @param credentials    credentials for every client
     */
    public AwsClientFactory(Map<String, String> env, Optional<Region> defaultRegion,
                            AwsCredentialsProvider credentials) {
        this.env = Map.copyOf(env);
        this.defaultRegion = Objects.requireNonNull(defaultRegion);
        this.credentials = Objects.requireNonNull(credentials);
    }

    /** The process environment, the default region chain and the default credential chain. */
    public static AwsClientFactory fromEnvironment() {
        return new AwsClientFactory(System.getenv(), Optional.empty(), DefaultCredentialsProvider.builder().build());
    }

    /** A KMS client in {@code region}, or in the default region when empty. */
    public KmsClient kms(Optional<String> region) throws TwoliterException {
        return build(KmsClient.builder(), "kms", region);
    }

    /** An SSM client in the default region. */
    public SsmClient ssm() throws TwoliterException {
        return build(SsmClient.builder(), "ssm", Optional.empty());
    }

    /** The endpoint override for {@code service} (e.g. {@code kms}), if the environment configures one. */
    public Optional<URI> endpointFor(String service) throws TwoliterException {
        return new AwsEndpoints(env).endpointFor(service);
    }

    private <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C build(
            B builder, String service, Optional<String> region) throws TwoliterException {
        builder.credentialsProvider(credentials);
        builder.httpClientBuilder(UrlConnectionHttpClient.builder());
        Optional<Region> chosen = region.filter(r -> !r.isBlank()).map(Region::of).or(() -> defaultRegion);
        chosen.ifPresent(builder::region);
        Optional<URI> endpoint = endpointFor(service);
        endpoint.ifPresent(builder::endpointOverride);
        try {
            return builder.build();
        } catch (SdkClientException e) {
            String why = e.getMessage() != null && e.getMessage().startsWith("Unable to load region")
                    ? "no AWS region in AWS_REGION, the AWS profile or instance metadata" : Causes.describe(e);
            throw new TwoliterException(ErrorCategory.BAD_INPUT, "cannot create the AWS " + service.toUpperCase(
                    Locale.ROOT) + " client: " + why + "; set AWS_REGION"
                    + ("kms".equals(service) ? " or list the key's region in available_keys" : ""));
        }
    }
}
