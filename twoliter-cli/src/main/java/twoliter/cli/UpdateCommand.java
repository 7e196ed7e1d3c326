package twoliter.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;
import twoliter.kits.ImageSources;
import twoliter.kits.Kits;
import twoliter.kits.UnpackLimits;

/** {@code twoliter update}: resolve the SDK and kits against their registries and write Twoliter.lock. */
@Command(name = "update", mixinStandardHelpOptions = true,
        description = "Resolve the SDK and kits from their registries (or Twoliter.override paths) and write"
                + " Twoliter.lock.")
final class UpdateCommand implements Callable<Integer> {
    @ParentCommand
    TwoliterCommand root;

    @Override
    public Integer call() throws Exception {
        ImageSources sources = ImageSources.standard(UnpackLimits.fromEnvironment(root.environment().env()));
        Kits.update(root.project(), sources, new KitEventPrinter(root.console()));
        return 0;
    }
}
