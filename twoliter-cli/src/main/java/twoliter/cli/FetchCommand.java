package twoliter.cli;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import twoliter.kits.ImageSources;
import twoliter.kits.Kits;
import twoliter.kits.UnpackLimits;
import twoliter.vendor.VendorItem;

/** {@code twoliter fetch}: download and unpack the locked kits for one architecture. */
@Command(name = "fetch", mixinStandardHelpOptions = true,
        description = "Download the kits locked in Twoliter.lock into build/external-kits.")
final class FetchCommand implements Callable<Integer> {
    @ParentCommand
    TwoliterCommand root;

    @Option(names = "--arch", paramLabel = "ARCH", description = "x86_64 or aarch64 (default: BUILDSYS_ARCH, else"
            + " this machine's)")
    String arch;

    @Option(names = "--vendor-dir", paramLabel = "DIR", description = "a directory filled by 'twoliter vendor':"
            + " kits come from DIR/kits before any registry (default: 'vendor-dir' in .twoliterrc)")
    Path vendorDir;

    @Option(names = "--offline", description = "never use the network: every kit not already unpacked must be in"
            + " the vendor directory")
    boolean offline;

    @Override
    public Integer call() throws Exception {
        Optional<Path> dir = VendorDirs.resolve(root, vendorDir);
        UnpackLimits limits = UnpackLimits.fromEnvironment(root.environment().env());
        ImageSources sources = offline ? ImageSources.offline(limits) : ImageSources.standard(limits);
        if (dir.isPresent()) {
            sources = ImageSources.vendored(dir.get().resolve(VendorItem.Kind.KIT.dir()), sources);
        }
        Kits.fetch(root.project(), root.arch(arch), sources, limits, new KitEventPrinter(root.console()));
        return 0;
    }
}
