package twoliter.cli;

import common.TwoliterException;
import java.io.PrintWriter;
import picocli.CommandLine;

/** The {@code twoliter} executable: parses the command line, runs the command and maps errors to exit codes. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args, CliEnvironment.system()));
    }

    /** Runs one command line and returns its exit code: 0 success, 2 bad input or not implemented, 1 failure. */
    public static int run(String[] args, CliEnvironment environment) {
        TwoliterCommand root = new TwoliterCommand(environment);
        CommandLine cli = new CommandLine(root);
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        // As upstream: everything after the make task belongs to the task, options included.
        cli.getSubcommands().get("make").setStopAtPositional(true);
        cli.setOut(new PrintWriter(environment.out(), true));
        cli.setErr(new PrintWriter(environment.err(), true));
        cli.setParameterExceptionHandler((e, arguments) -> {
            CommandLine command = e.getCommandLine();
            environment.err().println("error: " + e.getMessage());
            environment.err().println("see '" + command.getCommandSpec().qualifiedName() + " --help'");
            return 2;
        });
        cli.setExecutionExceptionHandler((e, command, parsed) -> {
            if (e instanceof TwoliterException known) {
                root.console().error(known.getMessage());
                if (root.stacktrace) {
                    known.printStackTrace(environment.err());
                }
                return known.exitCode();
            }
            environment.err().println("error: internal error: " + e);
            if (root.stacktrace) {
                e.printStackTrace(environment.err());
            } else {
                environment.err().println("this is a bug in twoliter; run again with --stacktrace and report it");
            }
            return 1;
        });
        return cli.execute(args);
    }
}
