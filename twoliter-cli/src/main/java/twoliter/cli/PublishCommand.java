package twoliter.cli;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code twoliter publish kit}: push a built kit to its vendor's registry. */
@Command(name = "publish", mixinStandardHelpOptions = true, description = "Publish build results.",
        subcommands = {PublishCommand.Kit.class, PublishCommand.Repo.class})
final class PublishCommand {
    @ParentCommand
    TwoliterCommand root;

    @Command(name = "repo", mixinStandardHelpOptions = true,
            description = "Add a built variant to its TUF update repository (the make task 'repo').")
    static final class Repo implements Callable<Integer> {
        @ParentCommand
        PublishCommand publish;

        @Option(names = "--variant", required = true, paramLabel = "VARIANT", description = "the variant, e.g."
                + " aws-k8s-1.29-nvidia")
        String variant;

        @Option(names = "--arch", paramLabel = "ARCH", description = "x86_64 or aarch64 (default: BUILDSYS_ARCH,"
                + " else this machine's)")
        String arch;

        @Option(names = "--repo", paramLabel = "NAME", description = "the repo of Infra.toml (default: PUBLISH_REPO,"
                + " else 'default')")
        String repo;

        @Option(names = "--release-start-time", paramLabel = "TIME", description = "when the waves start: RFC 3339"
                + " or e.g. 'in 2 days' (default: RELEASE_START_TIME, else now)")
        String startTime;

        @Override
        public Integer call() throws Exception {
            TwoliterCommand root = publish.root;
            BuildCommand.find(root, buildsys.manifest.ManifestKind.VARIANT, variant, "variant");
            Map<String, String> settings = new HashMap<>(root.environment().env());
            settings.put("BUILDSYS_VARIANT", variant);
            if (repo != null) {
                settings.put("PUBLISH_REPO", repo);
            }
            if (startTime != null) {
                settings.put("RELEASE_START_TIME", startTime);
            }
            return new RepoTasks(root.project(), settings, root.arch(arch), root.environment().workingDir(),
                    root.console()).run("repo");
        }
    }

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
