package pubsys.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import pubsys.aws.AwsClients;
import pubsys.infra.AwsConfig;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * A stateful fake of EC2, EBS direct, STS and SSM on one WireMock server, speaking the real wire protocols (EC2 and
 * STS query + XML, EBS REST-JSON, SSM JSON 1.1). The region and service come from each request's SigV4 credential
 * scope, so one endpoint serves every region, like a local emulator reached through {@code AWS_ENDPOINT_URL}. It
 * keeps images, snapshots (with their block checksums) and parameters, journals every call, and injects faults.
 * It checks what AWS checks: block checksums, the LINEAR aggregate, completed snapshots before RegisterImage.
 */
public final class AwsEmulator implements AutoCloseable {
    /** The account of the base (non-assumed) credentials. */
    public static final String ACCOUNT = "111122223333";
    public static final String ACCESS_KEY = "AKIDEXAMPLE";
    public static final String SECRET_KEY = "emulator-secret";

    private static final Pattern SCOPE = Pattern.compile("Credential=([^/]+)/\\d{8}/([^/]+)/([^/]+)/aws4_request");

    /** One request as the emulator understood it, with the access key that signed it. */
    public record Call(String service, String region, String action, Map<String, String> params, String body,
                       String accessKey) {
    }

    public record FakeImage(String id, String name, String arch, String state, boolean isPublic,
                            List<String> launchPermissions, List<String> snapshotIds,
                            Map<String, String> registerParams) {
    }

    public record FakeSnapshot(String id, String state, int volumeSizeGiB, SortedMap<Integer, String> blockChecksums,
                               List<String> createVolumePermissions, String description) {
    }

    /** An injected failure: which action (null = any), when, and the error to answer with. */
    public static final class Fault {
        final String action;
        final int status;
        final String code;
        final int every;
        int remaining;
        int seen;

        private Fault(String action, int status, String code, int every, int remaining) {
            this.action = action;
            this.status = status;
            this.code = code;
            this.every = every;
            this.remaining = remaining;
        }

        /** The next {@code count} calls of {@code action} fail. */
        public static Fault next(int count, String action, int status, String code) {
            return new Fault(action, status, code, 1, count);
        }

        /** Every {@code n}-th call of {@code action} fails (the n-th, 2n-th, ...). */
        public static Fault every(int n, String action, int status, String code) {
            return new Fault(action, status, code, n, Integer.MAX_VALUE);
        }

        public static Fault always(String action, int status, String code) {
            return new Fault(action, status, code, 1, Integer.MAX_VALUE);
        }

        boolean fires(String called) {
            if (action != null && !action.equals(called)) {
                return false;
            }
            if (remaining <= 0) {
                return false;
            }
            seen++;
            if (seen % every != 0) {
                return false;
            }
            remaining--;
            return true;
        }
    }

    private final WireMockServer server;
    private final State state = new State();
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final List<Fault> faults = new ArrayList<>();
    private final List<Consumer<Call>> listeners = new CopyOnWriteArrayList<>();

    private AwsEmulator(int port) {
        server = new WireMockServer(options().bindAddress("127.0.0.1").port(port).extensions(new Dispatcher())
                .containerThreads(100).asynchronousResponseEnabled(false));
        server.start();
        server.stubFor(any(anyUrl()).willReturn(ok()));
    }

    /**
     * Runs the emulator until killed, for trying the CLI by hand and for benchmarks: {@code AwsEmulator [PORT]}
     * prints the environment that points a shell at it.
     */
    public static void main(String[] args) throws InterruptedException {
        AwsEmulator emu = start(args.length > 0 ? Integer.parseInt(args[0]) : 0);
        emu.env().forEach((k, v) -> System.out.println("export " + k + "=" + v));
        System.out.flush();
        Thread.currentThread().join();
    }

    /** An emulator on a free loopback port. */
    public static AwsEmulator start() {
        return new AwsEmulator(0);
    }

    /** An emulator on {@code port} (0 = any free one). */
    public static AwsEmulator start(int port) {
        return new AwsEmulator(port);
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.port());
    }

    /** What a process needs to use the emulator: endpoint, static credentials, a region, no instance metadata. */
    public Map<String, String> env() {
        return Map.of("AWS_ENDPOINT_URL", endpoint().toString(), "AWS_ACCESS_KEY_ID", ACCESS_KEY,
                "AWS_SECRET_ACCESS_KEY", SECRET_KEY, "AWS_REGION", "us-west-2", "AWS_EC2_METADATA_DISABLED", "true");
    }

    /** Clients for a run against the emulator: static base credentials, retries with 1 ms backoff. */
    public AwsClients clients(AwsConfig aws, String baseRegion) {
        return new AwsClients(aws, baseRegion, Map.of("AWS_ENDPOINT_URL", endpoint().toString()),
                Optional.of(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY))),
                new AwsClients.Retries(6, Duration.ofMillis(1), Duration.ofMillis(5)));
    }

    public WireMockServer wireMock() {
        return server;
    }

    public List<Call> calls() {
        return List.copyOf(calls);
    }

    public List<Call> calls(String action) {
        return calls.stream().filter(c -> c.action().equals(action)).toList();
    }

    /** Runs {@code listener} after each call is journaled, before it is answered (e.g. to stop a run midway). */
    public void onCall(Consumer<Call> listener) {
        listeners.add(listener);
    }

    public List<FakeImage> images(String region) {
        return state.images(region);
    }

    public List<FakeSnapshot> snapshots(String region) {
        return state.snapshots(region);
    }

    /** Seeds an available image owned by {@link #ACCOUNT} with one completed snapshot; returns its id. */
    public String addImage(String region, String name, String ec2Arch, boolean isPublic,
                           List<String> launchPermissions) {
        return state.seedImage(region, name, ec2Arch, isPublic, launchPermissions);
    }

    public Map<String, String> parameters(String region) {
        return state.parameters(region);
    }

    public void putParameter(String region, String name, String value) {
        state.putParameter(region, name, value);
    }

    /** SSM reads in {@code region} fail with "... is not a valid namespace", as for a region never published to. */
    public void invalidNamespace(String region) {
        state.invalidNamespace(region);
    }

    /** New and copied images stay {@code pending} for this many DescribeImages calls that name them. */
    public void imagePendingPolls(int n) {
        state.pendingPolls = n;
    }

    public void fault(Fault fault) {
        synchronized (faults) {
            faults.add(fault);
        }
    }

    public void clearFaults() {
        synchronized (faults) {
            faults.clear();
        }
    }

    @Override
    public void close() {
        server.stop();
    }

    private Optional<Fault> firingFault(String action) {
        synchronized (faults) {
            for (Fault f : faults) {
                if (f.fires(action)) {
                    return Optional.of(f);
                }
            }
        }
        return Optional.empty();
    }

    /** Routes every request to the fake of its service. */
    private final class Dispatcher implements ResponseDefinitionTransformerV2 {
        @Override
        public ResponseDefinition transform(ServeEvent event) {
            Request request = event.getRequest();
            String auth = Optional.ofNullable(request.getHeader("Authorization")).orElse("");
            Matcher m = SCOPE.matcher(auth);
            if (!m.find()) {
                return Wire.plainError(403, "request is not SigV4-signed: " + auth);
            }
            String accessKey = m.group(1);
            String region = m.group(2);
            String service = m.group(3);
            Wire.Parsed parsed;
            try {
                parsed = Wire.parse(service, request);
            } catch (RuntimeException e) {
                return Wire.plainError(400, "emulator cannot parse the request: " + e);
            }
            Call call = new Call(service, region, parsed.action(), parsed.params(), parsed.text(), accessKey);
            calls.add(call);
            for (Consumer<Call> l : listeners) {
                l.accept(call);
            }
            Optional<Fault> fault = firingFault(parsed.action());
            if (fault.isPresent()) {
                return Wire.error(service, fault.get().status, fault.get().code, "injected fault");
            }
            try {
                return switch (service) {
                    case "ec2" -> state.ec2(region, parsed);
                    case "ebs" -> state.ebs(region, parsed, request.getBody());
                    case "sts" -> state.sts(accessKey, parsed);
                    case "ssm" -> state.ssm(region, parsed);
                    default -> Wire.plainError(400, "the emulator does not speak '" + service + "'");
                };
            } catch (State.AwsError e) {
                return Wire.error(service, e.status, e.code, e.getMessage());
            }
        }

        @Override
        public boolean applyGlobally() {
            return true;
        }

        @Override
        public String getName() {
            return "aws-emulator";
        }
    }
}
