package twoliter.cli;

import buildsys.Buildsys;
import common.Arch;
import common.TwoliterException;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import twoliter.kits.ComposedKits;
import twoliter.project.KitVendors;
import twoliter.project.Project;
import twoliter.project.ProjectLoader;

/** The root command: global options, and the project every subcommand works on, loaded once. */
@Command(name = "twoliter", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Builds and publishes Bottlerocket OS images from a twoliter project.",
        subcommands = {UpdateCommand.class, FetchCommand.class, BuildCommand.class, PublishCommand.class,
                MakeCommand.class, QueryCommand.class, VendorCommand.class})
final class TwoliterCommand {
    @Option(names = "--log-level", scope = ScopeType.INHERIT, paramLabel = "LEVEL",
            description = "off, error, warn, info (default), debug or trace")
    LogLevel logLevel = LogLevel.INFO;

    @Option(names = "--project-path", scope = ScopeType.INHERIT, paramLabel = "PATH",
            description = "the project's Twoliter.toml (default: found by walking up from the current directory)")
    Path projectPath;

    @Option(names = "--stacktrace", scope = ScopeType.INHERIT,
            description = "print the stack trace of errors (for bug reports)")
    boolean stacktrace;

    private final CliEnvironment environment;
    private Project project;
    private ComposedKits composedKits;
    private Buildsys buildsys;

    TwoliterCommand(CliEnvironment environment) {
        this.environment = environment;
    }

    CliEnvironment environment() {
        return environment;
    }

    Console console() {
        return new Console(environment.out(), environment.err(), logLevel);
    }

    Project project() throws TwoliterException {
        if (project == null) {
            Path file = ProjectLoader.locate(Optional.ofNullable(projectPath), environment.workingDir());
            project = ProjectLoader.load(file);
        }
        return project;
    }

    /** The kits Twoliter.override points at other projects' sources, which builds make themselves. */
    ComposedKits composedKits() throws TwoliterException {
        if (composedKits == null) {
            composedKits = ComposedKits.of(project());
        }
        return composedKits;
    }

    /** The project's manifests, and those of the projects of kits built from source as {@code @<kit>//...}. */
    Buildsys buildsys() throws TwoliterException {
        if (buildsys == null) {
            Buildsys loaded = Buildsys.load(project().root(), composedKits().repositories());
            KitVendors.check(project().config(), loaded.workspace());
            buildsys = loaded;
            buildsys.workspace().warnings().forEach(console()::warn);
        }
        return buildsys;
    }

    /** The current directory relative to the project root, or "" when outside it (for relative patterns). */
    String workingDirInProject() throws TwoliterException {
        Path root = project().root();
        Path cwd = environment.workingDir().toAbsolutePath().normalize();
        return cwd.startsWith(root) ? root.relativize(cwd).toString() : "";
    }

    /** {@code --arch} when given, else BUILDSYS_ARCH, else this machine's architecture. */
    Arch arch(String flag) throws TwoliterException {
        if (flag != null) {
            return Arch.parse(flag, "--arch");
        }
        String env = environment.env().get("BUILDSYS_ARCH");
        return env == null || env.isBlank() ? Arch.host() : Arch.parse(env, "BUILDSYS_ARCH");
    }
}
