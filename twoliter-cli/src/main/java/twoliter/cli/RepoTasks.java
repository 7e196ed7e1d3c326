package twoliter.cli;

import buildsys.image.ImageArtifact;
import buildsys.image.ImageNames;
import buildsys.manifest.ImageFormat;
import buildsys.manifest.VariantName;
import common.Arch;
import common.ErrorCategory;
import common.ScratchDirectories;
import common.TwoliterException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import pubsys.infra.InfraConfig;
import pubsys.infra.RepoConfig;
import pubsys.policy.ExpirationPolicy;
import pubsys.policy.WavePolicy;
import pubsys.repo.PublishRequest;
import pubsys.repo.RepoMaintenance;
import pubsys.repo.RepoPublisher;
import pubsys.repo.RepoSetup;
import pubsys.time.DateArgument;
import pubsys.time.TimeLimits;
import twoliter.project.BuildId;
import twoliter.project.Project;

/**
 * The update-repository make tasks ({@code publish-setup}, {@code repo}, {@code validate-repo},
 * {@code check-repo-expirations}, {@code refresh-repo}) with upstream's variables and defaults, except that the
 * policies default to the project's own {@code policies/} (upstream's default path exists only in its monorepo) and
 * to built-in copies of upstream's values when those files are absent; a file a variable names must exist.
 */
final class RepoTasks {
    private final Project project;
    private final Map<String, String> settings;
    private final Arch arch;
    private final Path workingDir;
    private final Console console;
    private final String repo;
    private final Clock clock = Clock.systemUTC();

    RepoTasks(Project project, Map<String, String> settings, Arch arch, Path workingDir, Console console) {
        this.project = project;
        this.settings = settings;
        this.arch = arch;
        this.workingDir = workingDir;
        this.console = console;
        this.repo = settings.getOrDefault("PUBLISH_REPO", "default");
    }

    int run(String task) throws TwoliterException {
        return switch (task) {
            case "publish-setup" -> setup(false);
            case "publish-setup-without-key" -> setup(true);
            case "repo" -> repo();
            case "validate-repo" -> validate();
            case "check-repo-expirations" -> checkExpirations();
            case "refresh-repo" -> refresh();
            default -> throw new IllegalArgumentException(task);
        };
    }

    private String repoName() {
        return repo;
    }

    private RepoConfig config(boolean required) throws TwoliterException {
        Path infra = path("PUBLISH_INFRA_CONFIG_PATH", "Infra.toml");
        RepoConfig config = InfraConfig.load(infra, required).repos().get(repoName());
        if (config == null && required) {
            throw TwoliterException.badInput("Infra.toml ('" + infra + "') has no [repo." + repoName() + "]; add it"
                    + " with metadata_base_url and targets_url, or choose another repo with PUBLISH_REPO");
        }
        return config == null ? RepoConfig.empty() : config;
    }

    private int setup(boolean allowMissingKey) throws TwoliterException {
        RepoSetup.ensure(new RepoSetup.Request(repoName(), config(false), rootRole(), defaultKey(), allowMissingKey,
                clock));
        console.info("repo '" + repoName() + "': root role " + rootRole());
        return 0;
    }

    private int repo() throws TwoliterException {
        // The policies first: a wrong path is an input error, found before keys are made or anything is read.
        ExpirationPolicy expiration = expirationPolicy();
        WavePolicy waves = wavePolicy();
        Instant start = releaseStart();
        expiration.expiredAtSigning(start, clock.instant()).forEach(console::warn);
        setup(false);
        String variant = variant();
        ImageNames names = new ImageNames(settings.getOrDefault("BUILDSYS_NAME", "bottlerocket"),
                VariantName.parse(variant), arch, project.config().releaseVersion(), buildId());
        Path images = project.root().resolve("build/images").resolve(names.variantDirName())
                .resolve(names.outputDirName());
        // The disk images under their full and friendly (-v<version>) names, as upstream's repo task lists them.
        List<Path> links = new ArrayList<>();
        for (ImageArtifact disk : List.of(names.osDisk(ImageFormat.RAW), names.dataDisk(ImageFormat.RAW))) {
            if (Files.isRegularFile(images.resolve(disk.fileName()))) {
                links.add(images.resolve(disk.fileName()));
                disk.symlinks().stream().filter(l -> l.name().contains("-v" + project.config().releaseVersion()))
                        .map(l -> images.resolve(l.name())).filter(Files::exists).forEach(links::add);
            }
        }
        // Upstream's PUBLISH_REPO_OUTPUT_DIR: build/repos/<repo>/<name>-<version>-<build id>.
        Path outdir = project.root().resolve("build/repos").resolve(repoName()).resolve(settings.getOrDefault(
                "BUILDSYS_NAME", "bottlerocket") + "-" + project.config().releaseVersion() + "-" + buildId());
        Path metadata = RepoPublisher.publish(new PublishRequest(repoName(), config(false), variant, arch.id(),
                project.config().releaseVersion(), images.resolve(names.bootImage().fileName()),
                images.resolve(names.rootImage().fileName()), images.resolve(names.verityImage().fileName()), links,
                migrations(images.resolve(names.migrations().fileName())),
                project.release().map(r -> r.migrations()).orElse(new java.util.TreeMap<>()), rootRole(),
                defaultKey(), expiration, waves, start, outdir), clock);
        console.info("wrote repo '" + repoName() + "' for " + variant + " " + arch + ": " + metadata);
        return 0;
    }

    private int validate() throws TwoliterException {
        setup(true);
        boolean targets = !"false".equals(settings.getOrDefault("REPO_VALIDATE_TARGETS", "true"));
        int count = RepoMaintenance.validate(repoName(), config(true), variant(), arch.id(), rootRole(), targets,
                clock);
        console.info("repo '" + repoName() + "' is valid: " + count + " targets" + (targets ? ", all verified" : ""));
        return 0;
    }

    private int checkExpirations() throws TwoliterException {
        setup(true);
        String within = settings.getOrDefault("REPO_METADATA_EXPIRING_WITHIN", "3 days");
        List<String> problems = RepoMaintenance.expiring(repoName(), config(true), variant(), arch.id(), rootRole(),
                DateArgument.parseDatetime(within, clock), clock);
        if (!problems.isEmpty()) {
            problems.forEach(console::error);
            throw new TwoliterException(ErrorCategory.FAILURE, "found metadata of repo '" + repoName() + "' that"
                    + " expires within '" + within + "' (REPO_METADATA_EXPIRING_WITHIN); run 'twoliter make"
                    + " refresh-repo'");
        }
        console.info("repo '" + repoName() + "': nothing expires within '" + within + "'");
        return 0;
    }

    private int refresh() throws TwoliterException {
        ExpirationPolicy expiration = expirationPolicy();
        setup(false);
        Path outdir = project.root().resolve("build/repos").resolve(repoName()).resolve("refresh-"
                + clock.instant().getEpochSecond());
        Path metadata = RepoMaintenance.refresh(repoName(), config(true), variant(), arch.id(), rootRole(),
                defaultKey(), expiration, "true".equals(settings.get("REPO_UNSAFE_REFRESH")), outdir, clock);
        console.info("refreshed repo '" + repoName() + "': " + metadata);
        return 0;
    }

    /** Each migration of the variant's migrations archive, extracted to be published as a target. */
    private List<Path> migrations(Path archive) throws TwoliterException {
        List<Path> files = new ArrayList<>();
        if (!Files.isRegularFile(archive)) {
            return files;
        }
        try (InputStream in = Files.newInputStream(archive); TarArchiveInputStream tar =
                new TarArchiveInputStream(in)) {
            Path dir = ScratchDirectories.create("twoliter-migrations-");
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                String name = Path.of(entry.getName()).getFileName().toString();
                if (entry.isFile() && !name.startsWith(".") && !name.contains("/")) {
                    Path file = dir.resolve(name);
                    Files.copy(tar, file);
                    files.add(file);
                }
            }
        } catch (IOException e) {
            throw new TwoliterException(ErrorCategory.FAILURE, "cannot read migrations archive '" + archive + "': "
                    + e.getMessage());
        }
        return files;
    }

    /** RELEASE_START_TIME (RFC 3339 or an offset from now), else now; bounded to dates TUF can carry. */
    private Instant releaseStart() throws TwoliterException {
        String value = settings.get("RELEASE_START_TIME");
        if (value == null) {
            return clock.instant();
        }
        return TimeLimits.requireDate(DateArgument.parseDatetime(value, clock), "RELEASE_START_TIME '" + value + "'");
    }

    private ExpirationPolicy expirationPolicy() throws TwoliterException {
        Optional<Path> file = policyFile("PUBLISH_EXPIRATION_POLICY_PATH", "policies/repo-expiration/2w-2w-1w.toml",
                "a repo-expiration policy file", "the built-in 2w-2w-1w");
        return file.isPresent() ? ExpirationPolicy.load(file.get(), file.get().toString())
                // Upstream's 2w-2w-1w.
                : new ExpirationPolicy(Duration.ofDays(14), Duration.ofDays(14), Duration.ofDays(7));
    }

    private WavePolicy wavePolicy() throws TwoliterException {
        Optional<Path> file = policyFile("PUBLISH_WAVE_POLICY_PATH", "policies/waves/default-waves.toml",
                "a wave policy file", "the built-in default waves");
        if (file.isPresent()) {
            return WavePolicy.load(file.get(), file.get().toString());
        }
        // Upstream's default waves.
        return new WavePolicy(List.of(wave(Duration.ofHours(1), 1), wave(Duration.ofHours(4), 5),
                wave(Duration.ofDays(1), 15), wave(Duration.ofDays(2), 40), wave(Duration.ofDays(4), 60),
                wave(Duration.ofDays(5), 90), wave(Duration.ofDays(6), 100)));
    }

    /**
     * The policy file {@code variable} names, which must exist; unset, the project's {@code fallback} if present,
     * else empty for the built-in policy. A named file that is missing is an error, never a silent default.
     */
    private Optional<Path> policyFile(String variable, String fallback, String kind, String builtIn)
            throws TwoliterException {
        String value = settings.get(variable);
        if (value == null || value.isBlank()) {
            Path file = project.root().resolve(fallback);
            return Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
        }
        Path file = workingDir.resolve(value);
        if (!Files.isRegularFile(file)) {
            throw TwoliterException.badInput(variable + " names '" + file + "', which "
                    + (Files.exists(file) ? "is not a regular file" : "does not exist") + "; point it at " + kind
                    + ", or unset it to use " + fallback + " in the project (else " + builtIn + ")");
        }
        return Optional.of(file);
    }

    private static WavePolicy.Wave wave(Duration after, long percent) {
        return new WavePolicy.Wave(after, percent);
    }

    private String variant() {
        return settings.getOrDefault("BUILDSYS_VARIANT", "aws-k8s-1.24");
    }

    private String buildId() {
        return BuildId.detect(project.root(), settings);
    }

    private Path rootRole() {
        return path("PUBLISH_REPO_ROOT_JSON", "roles/" + repoName() + ".root.json");
    }

    private Path defaultKey() {
        return path("PUBLISH_REPO_KEY", "keys/" + repoName() + ".pem");
    }

    /** A path variable as given (relative to the current directory), else the default in the project. */
    private Path path(String variable, String fallback) {
        String value = settings.get(variable);
        return value != null && !value.isBlank() ? workingDir.resolve(value) : project.root().resolve(fallback);
    }
}
