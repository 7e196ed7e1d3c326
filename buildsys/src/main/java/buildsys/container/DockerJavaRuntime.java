package buildsys.container;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.BuildImageResultCallback;
import com.github.dockerjava.api.command.CreateContainerResponse;
import com.github.dockerjava.api.command.PullImageResultCallback;
import com.github.dockerjava.api.command.WaitContainerResultCallback;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.BuildResponseItem;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import common.Causes;
import common.ErrorCategory;
import common.TwoliterException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * {@link ContainerRuntime} on the Docker Engine API through docker-java; honours DOCKER_HOST, pins no API version,
 * and gives up on quick calls to an engine that does not answer (issue 13 item 11).
 */
public final class DockerJavaRuntime implements ContainerRuntime {
    /** For calls that may take hours (pulls, builds, waiting for a container, copies): no response timeout. */
    private final DockerClient docker;
    /** For calls that should answer at once (ping, inspect, list): a hung engine is reported, not waited for. */
    private final DockerClient quick;
    /** The engine as messages name it: its address and where that came from. */
    private final String engine;
    private final DockerTimeouts timeouts;

    private DockerJavaRuntime(DockerClient docker, DockerClient quick, String engine, DockerTimeouts timeouts) {
        this.docker = docker;
        this.quick = quick;
        this.engine = engine;
        this.timeouts = timeouts;
    }

    /**
     * Connects to the engine that {@code env}'s DOCKER_HOST names (else docker-java's default) and checks that it
     * answers; a DOCKER_HOST that is not an engine address is refused before anything connects.
     */
    public static DockerJavaRuntime connect(Map<String, String> env) throws TwoliterException {
        return connect(env, DockerTimeouts.DEFAULT);
    }

    static DockerJavaRuntime connect(Map<String, String> env, DockerTimeouts timeouts) throws TwoliterException {
        DockerEndpoint endpoint = DockerEndpoint.fromEnvironment(env);
        DockerClientConfig config;
        try {
            DefaultDockerClientConfig.Builder builder = DefaultDockerClientConfig.createDefaultConfigBuilder();
            endpoint.dockerHost().ifPresent(uri -> builder.withDockerHost(uri.toString()));
            config = builder.build();
        } catch (RuntimeException e) {
            throw TwoliterException.badInput("cannot configure the Docker client: " + Causes.describe(e) + "; check"
                    + " DOCKER_HOST, DOCKER_TLS_VERIFY, DOCKER_CERT_PATH and the current context in"
                    + " ~/.docker/config.json");
        }
        String host = config.getDockerHost().toString();
        DockerJavaRuntime runtime = new DockerJavaRuntime(client(config, timeouts.connect(), null),
                client(config, timeouts.connect(), timeouts.quickCall()), endpoint.describe(host), timeouts);
        try {
            runtime.quickly("a ping", () -> runtime.quick.pingCmd().exec());
        } catch (TwoliterException e) {
            runtime.close();
            throw e;
        } catch (RuntimeException e) {
            runtime.close();
            throw new TwoliterException(ErrorCategory.FAILURE, "no Docker engine answers: " + runtime.engine
                    + " cannot be reached (" + Causes.describe(e) + "); start one (scripts/ensure-docker.sh does)"
                    + " or point DOCKER_HOST at it");
        }
        return runtime;
    }

    private static DockerClient client(DockerClientConfig config, Duration connect, Duration response) {
        ZerodepDockerHttpClient.Builder http = new ZerodepDockerHttpClient.Builder()
                .dockerHost(config.getDockerHost()).sslConfig(config.getSSLConfig()).connectionTimeout(connect);
        if (response != null) {
            http.responseTimeout(response);
        }
        return DockerClientImpl.getInstance(config, http.build());
    }

    /**
     * Runs a call that should answer at once, giving up after the connect and answer timeouts. The transport's own
     * response timeout covers TCP only: over a unix socket docker-java reads from a SocketChannel, which ignores
     * socket timeouts, so the call runs on its own (daemon) thread and is abandoned when late. Failures of the call
     * itself are rethrown as they are, for the caller to translate.
     */
    private <T> T quickly(String what, Supplier<T> call) throws TwoliterException {
        FutureTask<T> task = new FutureTask<>(call::get);
        Thread thread = new Thread(task, "docker-quick-call");
        thread.setDaemon(true);
        thread.start();
        try {
            return task.get(timeouts.total().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            thread.interrupt();
            throw noAnswer(what);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TwoliterException(ErrorCategory.FAILURE, "interrupted while waiting for " + engine, e);
        } catch (ExecutionException e) {
            if (timedOut(e.getCause())) {
                throw noAnswer(what);
            }
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    private TwoliterException noAnswer(String what) {
        return new TwoliterException(ErrorCategory.FAILURE, engine + " did not answer " + what + " within "
                + timeouts.total().toSeconds() + " s; check that dockerd is running and responsive there ('docker"
                + " info' asks it), or point DOCKER_HOST at a working engine");
    }

    /** A connect or read timeout somewhere in the chain (httpclient5's are InterruptedIOExceptions). */
    private static boolean timedOut(Throwable e) {
        int depth = 0;
        for (Throwable t = e; t != null && depth < 20; t = t.getCause(), depth++) {
            if (t instanceof InterruptedIOException) {
                return true;
            }
        }
        return false;
    }

    @Override
    public Optional<String> imageId(String image) throws TwoliterException {
        try {
            return Optional.of(quickly("an inspection of image '" + image + "'",
                    () -> quick.inspectImageCmd(image).exec()).getId());
        } catch (NotFoundException e) {
            return Optional.empty();
        } catch (RuntimeException e) {
            throw failure("inspect image '" + image + "'", e);
        }
    }

    @Override
    public void pull(String image) throws TwoliterException {
        try {
            docker.pullImageCmd(image).exec(new PullImageResultCallback()).awaitCompletion();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure("pull image '" + image + "'", e);
        } catch (RuntimeException e) {
            throw new TwoliterException(ErrorCategory.FAILURE, "cannot pull image '" + image + "' through " + engine
                    + ": " + Causes.describe(e) + "; check the name and your registry login, or load the image with"
                    + " 'docker load'");
        }
    }

    @Override
    public void save(String image, Path archive) throws TwoliterException {
        Path tmp = null;
        try {
            Files.createDirectories(archive.getParent());
            tmp = Files.createTempFile(archive.getParent(), "." + archive.getFileName(), ".tmp");
            try (InputStream in = docker.saveImageCmd(image).exec()) {
                Files.copy(in, tmp, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            common.AtomicFiles.move(tmp, archive);
        } catch (IOException | RuntimeException e) {
            throw new TwoliterException(ErrorCategory.FAILURE, "cannot save image '" + image + "' to '" + archive
                    + "' through " + engine + ": " + Causes.describe(e));
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException e) {
                    // a leftover temporary file is harmless
                }
            }
        }
    }

    @Override
    public void load(Path archive) throws TwoliterException {
        try (InputStream in = Files.newInputStream(archive)) {
            docker.loadImageCmd(in).exec();
        } catch (IOException | RuntimeException e) {
            throw new TwoliterException(ErrorCategory.FAILURE, "cannot load the image archive '" + archive
                    + "' through " + engine + ": " + Causes.describe(e) + "; run 'twoliter vendor' again to rewrite it");
        }
    }

    @Override
    public String build(Path contextDir, String tag, Path logFile) throws TwoliterException {
        try (OutputStream log = openLog(logFile)) {
            return docker.buildImageCmd(contextDir.toFile()).withTags(Set.of(tag)).withNetworkMode("host")
                    .withPull(false).withLabels(Map.of("dev.twoliter.sdk", "true"))
                    .exec(new BuildImageResultCallback() {
                        @Override
                        public void onNext(BuildResponseItem item) {
                            writeQuietly(log, item.getStream() != null ? item.getStream()
                                    : item.getErrorDetail() != null ? item.getErrorDetail().getMessage() + "\n" : "");
                            super.onNext(item);
                        }
                    }).awaitImageId();
        } catch (IOException | RuntimeException e) {
            throw new TwoliterException(ErrorCategory.FAILURE, "building image '" + tag + "' from '" + contextDir
                    + "' failed: " + e.getMessage() + "; see " + logFile);
        }
    }

    @Override
    public RunResult run(RunSpec spec) throws TwoliterException {
        String id = null;
        try (OutputStream log = openLog(spec.logFile())) {
            List<String> env = new ArrayList<>();
            spec.env().forEach((k, v) -> env.add(k + "=" + v));
            CreateContainerResponse created = docker.createContainerCmd(spec.image()).withCmd(spec.command())
                    .withEnv(env).withUser(spec.user()).withWorkingDir("/")
                    .withLabels(labels(spec))
                    .withHostConfig(HostConfig.newHostConfig().withNetworkMode(spec.network() ? "host" : "none"))
                    .exec();
            id = created.getId();
            copyIn(id, spec.input());
            docker.startContainerCmd(id).exec();
            docker.logContainerCmd(id).withStdOut(true).withStdErr(true).withFollowStream(true)
                    .exec(new ResultCallback.Adapter<Frame>() {
                        @Override
                        public void onNext(Frame frame) {
                            writeQuietly(log, new String(frame.getPayload(), StandardCharsets.UTF_8));
                        }
                    }).awaitCompletion();
            int exit = docker.waitContainerCmd(id).exec(new WaitContainerResultCallback()).awaitStatusCode();
            if (exit == 0) {
                copyOut(id, spec.outputPath(), spec.outputDir());
            }
            return new RunResult(exit);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure(spec.description(), e);
        } catch (IOException | RuntimeException e) {
            throw failure(spec.description(), e);
        } finally {
            if (id != null) {
                removeQuietly(id);
            }
        }
    }

    private void copyIn(String id, TarInput input) throws IOException, InterruptedException {
        // docker-java reads the tar from a stream; a writer thread produces it so large inputs never sit in memory.
        PipedInputStream pipeIn = new PipedInputStream(1 << 16);
        PipedOutputStream pipeOut = new PipedOutputStream(pipeIn);
        IOException[] failure = new IOException[1];
        Thread writer = new Thread(() -> {
            try (pipeOut) {
                input.writeTo(pipeOut);
            } catch (IOException e) {
                failure[0] = e;
            }
        }, "tar-writer");
        writer.start();
        try (pipeIn) {
            docker.copyArchiveToContainerCmd(id).withTarInputStream(pipeIn).withRemotePath("/").exec();
        }
        writer.join();
        if (failure[0] != null) {
            throw failure[0];
        }
    }

    private void copyOut(String id, String path, Path target) throws IOException {
        try (InputStream tar = docker.copyArchiveFromContainerCmd(id, path).exec()) {
            SafeTarExtractor.extract(tar, target, 1);
        }
    }

    private static Map<String, String> labels(RunSpec spec) {
        Map<String, String> labels = new LinkedHashMap<>(ThisProcess.current().labels());
        labels.put("dev.twoliter.action", spec.description());
        return labels;
    }

    @Override
    public List<String> removeOrphans() throws TwoliterException {
        OrphanPolicy policy = new OrphanPolicy(ThisProcess.current(), ThisProcess.processes());
        List<String> notes = new ArrayList<>();
        try {
            List<Container> containers = quickly("a container list", () -> quick.listContainersCmd()
                    .withShowAll(true).withLabelFilter(List.of(ContainerOwner.PID)).exec());
            for (Container container : containers) {
                Map<String, String> labels = container.getLabels() == null ? Map.of() : container.getLabels();
                OrphanPolicy.Verdict verdict = policy.decide(labels);
                String name = "container " + container.getId().substring(0, Math.min(12, container.getId().length()))
                        + " (" + labels.getOrDefault("dev.twoliter.action", "no action label") + ")";
                if (verdict instanceof OrphanPolicy.Remove) {
                    removeQuietly(container.getId());
                    notes.add("removed " + name + ": " + verdict.reason());
                } else {
                    notes.add("left " + name + " alone: " + verdict.reason());
                }
            }
        } catch (RuntimeException e) {
            throw failure("list containers", e);
        }
        return notes;
    }

    private void removeQuietly(String id) {
        try {
            docker.removeContainerCmd(id).withForce(true).withRemoveVolumes(true).exec();
        } catch (NotFoundException e) {
            // Already gone.
        } catch (RuntimeException e) {
            // A leftover container is removed by the next run's removeOrphans; a failure here must not hide the
            // action's own result.
        }
    }

    private static OutputStream openLog(Path logFile) throws IOException {
        Files.createDirectories(logFile.getParent());
        return Files.newOutputStream(logFile, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING);
    }

    private static void writeQuietly(OutputStream log, String text) {
        try {
            log.write(text.getBytes(StandardCharsets.UTF_8));
            log.flush();
        } catch (IOException e) {
            // The log is a convenience; the exit code decides success.
        }
    }

    private TwoliterException failure(String what, Exception e) {
        if (notTheDockerApi(e)) {
            return new TwoliterException(ErrorCategory.FAILURE, what + " failed: " + engine + " answered with"
                    + " something that is not the Docker API (not the JSON it sends); check that it is a Docker"
                    + " engine, or point DOCKER_HOST at one", e);
        }
        return new TwoliterException(ErrorCategory.FAILURE, what + " failed through " + engine + ": "
                + Causes.describe(e), e);
    }

    /** A JSON parse error anywhere in the chain: whatever answered does not speak the Docker API. */
    static boolean notTheDockerApi(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof com.fasterxml.jackson.core.JsonProcessingException) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() {
        for (DockerClient client : List.of(docker, quick)) {
            try {
                client.close();
            } catch (IOException e) {
                // Nothing to do on shutdown.
            }
        }
    }
}
