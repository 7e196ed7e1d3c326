package buildsys.container;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.BuildImageResultCallback;
import com.github.dockerjava.api.command.CreateContainerResponse;
import com.github.dockerjava.api.command.PullImageResultCallback;
import com.github.dockerjava.api.command.WaitContainerResultCallback;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.BuildResponseItem;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import common.ErrorCategory;
import common.TwoliterException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** {@link ContainerRuntime} on the Docker Engine API through docker-java; honours DOCKER_HOST, pins no API version. */
public final class DockerJavaRuntime implements ContainerRuntime {
    static final String LABEL = "dev.twoliter.pid";

    private final DockerClient docker;
    private final String host;

    private DockerJavaRuntime(DockerClient docker, String host) {
        this.docker = docker;
        this.host = host;
    }

    /** Connects to the daemon the user has and checks that it answers. */
    public static DockerJavaRuntime connect() throws TwoliterException {
        DockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder().build();
        ZerodepDockerHttpClient http = new ZerodepDockerHttpClient.Builder()
                .dockerHost(config.getDockerHost()).sslConfig(config.getSSLConfig())
                .connectionTimeout(Duration.ofSeconds(10)).responseTimeout(Duration.ofHours(4)).build();
        DockerClient client = DockerClientImpl.getInstance(config, http);
        String host = config.getDockerHost().toString();
        try {
            client.pingCmd().exec();
        } catch (RuntimeException e) {
            throw new TwoliterException(ErrorCategory.FAILURE, "no Docker engine answers at '" + host + "' ("
                    + e.getMessage() + "); start one (scripts/ensure-docker.sh does) or point DOCKER_HOST at it");
        }
        return new DockerJavaRuntime(client, host);
    }

    @Override
    public Optional<String> imageId(String image) throws TwoliterException {
        try {
            return Optional.of(docker.inspectImageCmd(image).exec().getId());
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
            throw new TwoliterException(ErrorCategory.FAILURE, "cannot pull image '" + image + "' through '" + host
                    + "': " + e.getMessage() + "; check the name and your registry login, or load the image with"
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
                    + "' through '" + host + "': " + e.getMessage());
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
                    + "' through '" + host + "': " + e.getMessage() + "; run 'twoliter vendor' again to rewrite it");
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
                    .withLabels(Map.of(LABEL, Long.toString(ProcessHandle.current().pid()),
                            "dev.twoliter.action", spec.description()))
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

    @Override
    public void removeOrphans() throws TwoliterException {
        try {
            List<Container> containers = docker.listContainersCmd().withShowAll(true)
                    .withLabelFilter(List.of(LABEL)).exec();
            for (Container container : containers) {
                String pid = container.getLabels().get(LABEL);
                boolean alive = pid != null && pid.matches("\\d+")
                        && ProcessHandle.of(Long.parseLong(pid)).map(ProcessHandle::isAlive).orElse(false);
                if (!alive) {
                    removeQuietly(container.getId());
                }
            }
        } catch (RuntimeException e) {
            throw failure("list containers", e);
        }
    }

    private void removeQuietly(String id) {
        try {
            docker.removeContainerCmd(id).withForce(true).withRemoveVolumes(true).exec();
        } catch (NotFoundException e) {
            // Already gone.
        } catch (DockerException e) {
            // A leftover container is removed by the next run's removeOrphans.
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
        return new TwoliterException(ErrorCategory.FAILURE, what + " failed through the Docker engine at '" + host
                + "': " + e.getMessage(), e);
    }

    @Override
    public void close() {
        try {
            docker.close();
        } catch (IOException e) {
            // Nothing to do on shutdown.
        }
    }
}
