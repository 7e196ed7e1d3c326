package twoliter.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code twoliter publish kit}: push a built kit to its vendor's registry. */
@Command(name = "publish", mixinStandardHelpOptions = true, description = "Publish build results.",
        subcommands = PublishCommand.Kit.class)
final class PublishCommand {
    @ParentCommand
    TwoliterCommand root;

    @Command(name = "kit", mixinStandardHelpOptions = true,
            description = "Push a kit's images for each built architecture and an index to a registry.")
    static final class Kit implements Callable<Integer> {
        @ParentCommand
        PublishCommand publish;

        @Parameters(index = "0", paramLabel = "KIT", description = "the kit to publish")
        String kit;

        @Parameters(index = "1", paramLabel = "VENDOR", description = "the vendor whose registry receives it")
        String vendor;

        @Parameters(index = "2", arity = "0..1", paramLabel = "REPO",
                description = "the repository name (default: the kit name)")
        String repo;

        @Override
        public Integer call() throws Exception {
            publish.root.project();
            throw NotYet.of("publishing kits ('twoliter publish kit')");
        }
    }
}
