package twoliter.cli;

import buildsys.QueryRequest;
import buildsys.manifest.Label;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code twoliter query}: print the targets that patterns select, optionally with their (reverse) dependencies. */
@Command(name = "query", mixinStandardHelpOptions = true,
        description = {"Print the labels of targets selected by patterns, one per line.",
                "Patterns: //packages/glibc, //packages/..., //..., //kits/core-kit:all, relative forms (glibc, ...);"
                        + " after '--', a leading '-' excludes (-//packages/kernel-6.1/...)."})
final class QueryCommand implements Callable<Integer> {
    @ParentCommand
    TwoliterCommand root;

    @ArgGroup(exclusive = true)
    Mode mode;

    static final class Mode {
        @Option(names = "--deps", description = "also print everything the targets depend on, dependencies first")
        boolean deps;

        @Option(names = "--rdeps", description = "also print every target that depends on them, dependencies first")
        boolean rdeps;
    }

    @Parameters(arity = "1..*", paramLabel = "PATTERN", description = "target patterns")
    List<String> patterns;

    @Override
    public Integer call() throws Exception {
        QueryRequest.Mode queryMode = mode == null ? QueryRequest.Mode.MATCHES
                : mode.deps ? QueryRequest.Mode.WITH_DEPENDENCIES : QueryRequest.Mode.WITH_DEPENDENTS;
        List<Label> labels = root.buildsys().query(new QueryRequest(patterns, root.workingDirInProject(), queryMode));
        Console console = root.console();
        for (Label label : labels) {
            console.result(label.toString());
        }
        return 0;
    }
}
