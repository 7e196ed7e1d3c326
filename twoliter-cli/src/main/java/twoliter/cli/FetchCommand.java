package twoliter.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import twoliter.kits.ImageSources;
import twoliter.kits.Kits;

/** {@code twoliter fetch}: download and unpack the locked kits for one architecture. */
@Command(name = "fetch", mixinStandardHelpOptions = true,
        description = "Download the kits locked in Twoliter.lock into build/external-kits.")
final class FetchCommand implements Callable<Integer> {
    @ParentCommand
    TwoliterCommand root;

    @Option(names = "--arch", paramLabel = "ARCH", description = "x86_64 or aarch64 (default: BUILDSYS_ARCH, else"
            + " this machine's)")
    String arch;

    @Override
    public Integer call() throws Exception {
        Kits.fetch(root.project(), root.arch(arch), ImageSources.standard(), new KitEventPrinter(root.console()));
        return 0;
    }
}
