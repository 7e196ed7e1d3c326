package twoliter.cli;

import common.Arch;
import common.TwoliterException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import twoliter.make.MakeTask;
import twoliter.make.MakeTasks;

/**
 * {@code twoliter make [-e KEY=VALUE]... TASK [ARGS...]}: upstream's cargo-make tasks by name, with settings from
 * {@code -e} and the environment, so existing pipelines keep working. Options go before or after the task.
 */
@Command(name = "make", mixinStandardHelpOptions = true,
        description = "Run a task by its upstream Makefile.toml name (twoliter make --list shows them).")
final class MakeCommand implements Callable<Integer> {
    /** Upstream refuses these host variables (twoliter-cli.md §1.3). */
    private static final Set<String> DISALLOWED = Set.of("BUILDSYS_SDK_NAME", "BUILDSYS_SDK_VERSION",
            "BUILDSYS_REGISTRY", "BUILDSYS_OUTPUT_GENERATION_ID");

    /** The options read after the task that take a value, each with an example for error messages. */
    private static final Map<String, String> VALUED_OPTIONS = Map.of("-e", "PUBLISH_REGIONS=us-west-2", "--arch",
            "x86_64", "--cargo-home", ".cargo/", "--project-path", "Twoliter.toml", "--log-level", "debug");

    @ParentCommand
    TwoliterCommand root;

    @Option(names = "-e", paramLabel = "KEY=VALUE", description = "set a variable for the task")
    List<String> assignments = new ArrayList<>();

    @Option(names = "--cargo-home", paramLabel = "DIR", description = "accepted for compatibility; unused")
    Path cargoHome;

    @Option(names = "--arch", paramLabel = "ARCH", description = "x86_64 or aarch64 (default: BUILDSYS_ARCH, else"
            + " this machine's)")
    String arch;

    @Option(names = "--list", description = "list the tasks and whether this version runs them")
    boolean list;

    @Option(names = "--dry-run", description = "print what the task would do (for AWS tasks, every AWS call with"
            + " its region) without doing it")
    boolean dryRun;

    @Parameters(index = "0", arity = "0..1", paramLabel = "TASK", description = "the task, e.g. build or repo")
    String task;

    @Parameters(index = "1..*", paramLabel = "ARGS", description = "arguments for the task")
    List<String> args = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        Console console = root.console();
        if (list) {
            for (MakeTask t : MakeTasks.all()) {
                console.result(String.format("%-26s %-11s %s", t.name(), t.availability().label(), t.summary()));
            }
            return 0;
        }
        if (task == null) {
            throw TwoliterException.badInput("no task given; name one, e.g. 'twoliter make build', or list them with"
                    + " 'twoliter make --list'");
        }
        MakeTask found = MakeTasks.lookup(task);
        trailingOptions(found);
        Map<String, String> settings = settings();
        root.project();
        String archValue = arch != null ? arch : settings.get("BUILDSYS_ARCH");
        if (archValue != null && !archValue.isBlank()) {
            Arch.parse(archValue, arch != null ? "--arch" : "BUILDSYS_ARCH");
        }
        if (found.availability() != MakeTask.Availability.AVAILABLE) {
            throw TwoliterException.notImplemented(MakeTasks.unavailableMessage(found));
        }
        return new MakeRunner(root, settings, arch, dryRun).run(found.name());
    }

    /** The environment with the {@code -e} assignments on top, checked as upstream checks it. */
    private Map<String, String> settings() throws TwoliterException {
        Map<String, String> settings = new LinkedHashMap<>(root.environment().env());
        for (String assignment : assignments) {
            int eq = assignment.indexOf('=');
            if (eq <= 0) {
                throw TwoliterException.badInput("-e '" + assignment + "' is not KEY=VALUE; write e.g. -e"
                        + " PUBLISH_REGIONS=us-west-2");
            }
            settings.put(assignment.substring(0, eq), assignment.substring(eq + 1));
        }
        for (String name : DISALLOWED) {
            if (settings.containsKey(name)) {
                throw TwoliterException.badInput("the variable '" + name + "' can not be used: twoliter sets it"
                        + " from Twoliter.toml and Twoliter.lock; unset it");
            }
        }
        return settings;
    }

    /**
     * Options after the task. Upstream's clap parser reads its options on either side of the task
     * ({@code twoliter make repo --cargo-home .cargo/ --arch x86_64}, and its own Makefile wrapper writes
     * {@code make TASK --project-path=... --cargo-home=... --}); only testsys tasks take arguments of their own. So
     * for the other tasks the options are read here as if given before the task, and the first {@code --} is
     * dropped as upstream drops it.
     */
    private void trailingOptions(MakeTask found) throws TwoliterException {
        if (found.takesArgs() || args.isEmpty()) {
            return;
        }
        List<String> rest = new ArrayList<>(args);
        rest.remove("--");
        for (int i = 0; i < rest.size(); i++) {
            String arg = rest.get(i);
            if (arg.startsWith("-e") && arg.length() > 2) {
                assignments.add(arg.substring(arg.startsWith("-e=") ? 3 : 2));
                continue;
            }
            if (arg.equals("--dry-run")) {
                dryRun = true;
                continue;
            }
            if (arg.equals("--stacktrace")) {
                root.stacktrace = true;
                continue;
            }
            int eq = arg.startsWith("--") ? arg.indexOf('=') : -1;
            String name = eq > 0 ? arg.substring(0, eq) : arg;
            if (!VALUED_OPTIONS.containsKey(name)) {
                throw TwoliterException.badInput("task '" + task + "' takes no arguments, got '" + arg + "'; after"
                        + " the task only -e KEY=VALUE, --arch, --cargo-home, --project-path, --log-level, --dry-run"
                        + " and --stacktrace are understood (see 'twoliter make --help')");
            }
            if (eq < 0 && i + 1 >= rest.size()) {
                throw TwoliterException.badInput("'" + arg + "' after task '" + task + "' needs a value, e.g. "
                        + arg + " " + VALUED_OPTIONS.get(arg));
            }
            setOption(name, eq > 0 ? arg.substring(eq + 1) : rest.get(++i));
        }
    }

    private void setOption(String name, String value) throws TwoliterException {
        switch (name) {
            case "-e" -> assignments.add(value);
            case "--arch" -> arch = value;
            case "--cargo-home" -> cargoHome = Path.of(value);
            case "--project-path" -> root.projectPath = Path.of(value);
            case "--log-level" -> root.logLevel = LogLevel.parse(value, "--log-level");
            default -> throw new IllegalStateException("unhandled option " + name);
        }
    }
}
