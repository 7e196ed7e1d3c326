package twoliter.cli;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code twoliter publish}: front doors to the publishing make tasks (repo, ami, ssm) and kit pushes. */
@Command(name = "publish", mixinStandardHelpOptions = true, description = "Publish build results.",
        subcommands = {PublishCommand.Kit.class, PublishCommand.Repo.class, PublishCommand.Ami.class,
                PublishCommand.Ssm.class})
final class PublishCommand {
    @ParentCommand
    TwoliterCommand root;

    @Command(name = "repo", mixinStandardHelpOptions = true,
            description = "Add a built variant to its TUF update repository (the make task 'repo').")
    static final class Repo implements Callable<Integer> {
        @ParentCommand
        PublishCommand publish;

        @picocli.CommandLine.Mixin
        VariantOptions target = new VariantOptions();

        @Option(names = "--repo", paramLabel = "NAME", description = "the repo of Infra.toml (default: PUBLISH_REPO,"
                + " else 'default')")
        String repo;

        @Option(names = "--release-start-time", paramLabel = "TIME", description = "when the waves start: RFC 3339"
                + " or e.g. 'in 2 days' (default: RELEASE_START_TIME, else now)")
        String startTime;

        @Override
        public Integer call() throws Exception {
            TwoliterCommand root = publish.root;
            Map<String, String> settings = target.settings(root);
            if (repo != null) {
                settings.put("PUBLISH_REPO", repo);
            }
            if (startTime != null) {
                settings.put("RELEASE_START_TIME", startTime);
            }
            return new RepoTasks(root.project(), settings, root.arch(target.arch), root.environment().workingDir(),
                    root.console()).run("repo");
        }
    }

    /** Which variant and arch a publishing front door works on. */
    static class VariantOptions {
        @Option(names = "--variant", required = true, paramLabel = "VARIANT", description = "the variant, e.g."
                + " aws-k8s-1.29-nvidia")
        String variant;

        @Option(names = "--arch", paramLabel = "ARCH", description = "x86_64 or aarch64 (default: BUILDSYS_ARCH,"
                + " else this machine's)")
        String arch;

        /** The environment with the variant set, as the make tasks read it; an unknown variant is bad input. */
        Map<String, String> settings(TwoliterCommand root) throws common.TwoliterException {
            BuildCommand.find(root, buildsys.manifest.ManifestKind.VARIANT, variant, "variant");
            Map<String, String> settings = new HashMap<>(root.environment().env());
            settings.put("BUILDSYS_VARIANT", variant);
            return settings;
        }
    }

    /** The AWS front doors' options: the variant's, the regions and a dry run. */
    static final class AwsOptions extends VariantOptions {
        @Option(names = "--regions", paramLabel = "R1,R2", description = "AWS regions, the first is the base"
                + " (default: PUBLISH_REGIONS, else Infra.toml [aws] regions)")
        String regions;

        @Option(names = "--dry-run", description = "print every AWS call it would make, with its region, and make"
                + " none")
        boolean dryRun;

        @Override
        Map<String, String> settings(TwoliterCommand root) throws common.TwoliterException {
            Map<String, String> settings = super.settings(root);
            if (regions != null) {
                settings.put("PUBLISH_REGIONS", regions);
            }
            return settings;
        }
    }

    @Command(name = "ami", mixinStandardHelpOptions = true, description = "Upload a built variant's images as EBS"
            + " snapshots, register the AMI and copy it to the other regions (the make task 'ami').")
    static final class Ami implements Callable<Integer> {
        @ParentCommand
        PublishCommand publish;

        @picocli.CommandLine.Mixin
        AwsOptions aws = new AwsOptions();

        @Option(names = "--name", paramLabel = "NAME", description = "the AMI name (default: PUBLISH_AMI_NAME, else"
                + " <name>-<variant>-<arch>-v<version>-<build>)")
        String name;

        @Option(names = "--description", paramLabel = "TEXT", description = "the AMI description (default: the"
                + " name)")
        String description;

        @Option(names = "--no-progress", description = "no upload progress (also NO_PROGRESS=true)")
        boolean noProgress;

        @Override
        public Integer call() throws Exception {
            TwoliterCommand root = publish.root;
            Map<String, String> settings = aws.settings(root);
            if (name != null) {
                settings.put("PUBLISH_AMI_NAME", name);
            }
            if (description != null) {
                settings.put("PUBLISH_AMI_DESCRIPTION", description);
            }
            if (noProgress) {
                settings.put("NO_PROGRESS", "true");
            }
            return new AwsTasks(root, settings, root.arch(aws.arch), aws.dryRun).run("ami");
        }
    }

    @Command(name = "ssm", mixinStandardHelpOptions = true, description = "Set the SSM parameters of a variant's"
            + " published AMIs from the templates in policies/ssm (the make task 'ssm').")
    static final class Ssm implements Callable<Integer> {
        @ParentCommand
        PublishCommand publish;

        @picocli.CommandLine.Mixin
        AwsOptions aws = new AwsOptions();

        @Option(names = "--allow-clobber", description = "overwrite parameters that hold other values (also"
                + " ALLOW_CLOBBER=true)")
        boolean allowClobber;

        @Option(names = "--allow-private-images", description = "let /aws/ parameters point at private AMIs (also"
                + " ALLOW_PRIVATE_IMAGES=true)")
        boolean allowPrivateImages;

        @Override
        public Integer call() throws Exception {
            TwoliterCommand root = publish.root;
            Map<String, String> settings = aws.settings(root);
            if (allowClobber) {
                settings.put("ALLOW_CLOBBER", "true");
            }
            if (allowPrivateImages) {
                settings.put("ALLOW_PRIVATE_IMAGES", "true");
            }
            return new AwsTasks(root, settings, root.arch(aws.arch), aws.dryRun).run("ssm");
        }
    }

    @Command(name = "kit", mixinStandardHelpOptions = true,
            description = "Push a kit's images for each built architecture and an index to a registry: the"
                    + " vendor's registry of Infra.toml [vendor.<VENDOR>], else of Twoliter.toml (the make task"
                    + " 'publish-kit').")
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
            TwoliterCommand root = publish.root;
            return new KitPublishTask(root, root.environment().env()).run(kit, vendor, repo);
        }
    }
}
