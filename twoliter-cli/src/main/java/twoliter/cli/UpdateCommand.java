package twoliter.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code twoliter update}: resolve the SDK and kits against their registries and write Twoliter.lock. */
@Command(name = "update", mixinStandardHelpOptions = true,
        description = "Resolve the SDK and kits from their registries and write Twoliter.lock.")
final class UpdateCommand implements Callable<Integer> {
    @ParentCommand
    TwoliterCommand root;

    @Override
    public Integer call() throws Exception {
        root.project();
        throw NotYet.of("resolving kits from registries ('twoliter update')");
    }
}
