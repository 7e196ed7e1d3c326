package twoliter.cli;

import buildsys.manifest.Label;
import buildsys.manifest.ManifestKind;
import common.Arch;
import common.TwoliterException;
import java.util.List;
import java.util.Map;

/** Runs the make tasks this version implements, with upstream's variables (PACKAGE, BUILDSYS_KIT, ...). */
final class MakeRunner {
    /** Upstream Makefile.toml's default variant. */
    private static final String DEFAULT_VARIANT = "aws-k8s-1.24";

    /** Tasks that can show what they would do without doing it. */
    private static final java.util.Set<String> DRY_RUN_TASKS = new java.util.TreeSet<>(java.util.Set.of("build",
            "build-variant", "default", "build-package", "build-kit", "build-all", "ami", "ami-public",
            "ami-private", "grant-ami", "revoke-ami", "validate-ami", "ssm", "promote-ssm", "validate-ssm"));

    private final TwoliterCommand root;
    private final Map<String, String> settings;
    private final String arch;
    private final boolean dryRun;

    MakeRunner(TwoliterCommand root, Map<String, String> settings, String arch, boolean dryRun) {
        this.root = root;
        this.settings = settings;
        this.arch = arch;
        this.dryRun = dryRun;
    }

    int run(String task) throws TwoliterException {
        if (dryRun && !DRY_RUN_TASKS.contains(task)) {
            throw TwoliterException.badInput("--dry-run is not supported by task '" + task + "'; it works with the"
                    + " build tasks and the AWS tasks (" + String.join(", ", DRY_RUN_TASKS) + ")");
        }
        return switch (task) {
            case "build", "build-variant", "default" -> {
                String variant = settings.getOrDefault("BUILDSYS_VARIANT", DEFAULT_VARIANT);
                yield build(List.of(BuildCommand.find(root, ManifestKind.VARIANT, variant, "variant")),
                        "variant '" + variant + "'");
            }
            case "build-package" -> {
                String name = required("PACKAGE", "the package to build, e.g. -e PACKAGE=libhello");
                yield build(List.of(BuildCommand.find(root, ManifestKind.PACKAGE, name, "package")),
                        "package '" + name + "'");
            }
            case "build-kit" -> {
                String name = required("BUILDSYS_KIT", "the kit to build, e.g. -e BUILDSYS_KIT=core-kit");
                yield build(List.of(BuildCommand.find(root, ManifestKind.KIT, name, "kit")), "kit '" + name + "'");
            }
            // The project's own targets; kits built from source come in through what uses them.
            case "build-all" -> build(root.buildsys().graph().labels().stream().filter(Label::isMain).toList(),
                    "every target");
            case "publish-setup", "publish-setup-without-key", "repo", "validate-repo", "check-repo-expirations",
                    "refresh-repo" -> new RepoTasks(root.project(), settings, arch(), root.environment().workingDir(),
                    root.console()).run(task);
            case "publish-kit" -> new KitPublishTask(root, settings).run(
                    required("BUILDSYS_KIT", "the kit to publish, e.g. -e BUILDSYS_KIT=core-kit"),
                    required("PUBLISH_VENDOR", "the vendor whose registry receives the kit, e.g."
                            + " -e PUBLISH_VENDOR=local (a [vendor.<name>] of Infra.toml or Twoliter.toml)"),
                    settings.get("PUBLISH_KIT_REPO"));
            case "ami", "ami-public", "ami-private", "grant-ami", "revoke-ami", "validate-ami", "ssm", "promote-ssm",
                    "validate-ssm" -> new AwsTasks(root, settings, arch(), dryRun).run(task);
            default -> clean(task);
        };
    }

    private Arch arch() throws TwoliterException {
        if (arch != null) {
            return Arch.parse(arch, "--arch");
        }
        String value = settings.get("BUILDSYS_ARCH");
        return value == null || value.isBlank() ? Arch.host() : Arch.parse(value, "BUILDSYS_ARCH");
    }

    private int build(List<Label> targets, String what) throws TwoliterException {
        BuildCommand.Options options = new BuildCommand.Options();
        options.arch = arch;
        options.dryRun = dryRun;
        return new BuildRun(root, options, settings).run(targets, what);
    }

    private int clean(String task) throws TwoliterException {
        List<String> dirs = switch (task) {
            case "clean" -> BuildClean.ALL;
            case "clean-packages" -> List.of("rpms");
            case "clean-kits" -> List.of("kits", "external-kits");
            default -> List.of(task.substring("clean-".length()));
        };
        for (String dir : dirs) {
            BuildClean.remove(root.project().root(), dir);
        }
        return 0;
    }

    private String required(String variable, String meaning) throws TwoliterException {
        String value = settings.get(variable);
        if (value == null || value.isBlank()) {
            throw TwoliterException.badInput(variable + " is not set: it names " + meaning + "; list the targets"
                    + " with 'twoliter query //...'");
        }
        return value.strip();
    }
}
