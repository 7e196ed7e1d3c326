package twoliter.cli;

import buildsys.manifest.Label;
import buildsys.plan.Action;
import buildsys.plan.BuildIdentity;
import buildsys.plan.BuildPlan;
import buildsys.plan.PlanRequest;
import common.Arch;
import common.ErrorCategory;
import common.TwoliterException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import twoliter.project.BuildId;
import twoliter.project.Project;

/** Plans a build for some targets and, for now, only prints the plan: execution is not implemented yet. */
final class BuildRun {
    private final TwoliterCommand root;
    private final BuildCommand.Options options;

    BuildRun(TwoliterCommand root, BuildCommand.Options options) {
        this.root = root;
        this.options = options;
    }

    int run(List<Label> targets, String what) throws TwoliterException {
        Project project = root.project();
        Arch arch = root.arch(options.arch);
        Map<String, String> env = root.environment().env();
        BuildIdentity identity = new BuildIdentity(project.config().releaseVersion(),
                BuildId.detect(project.root(), env), env.getOrDefault("BUILDSYS_NAME", "bottlerocket"),
                env.getOrDefault("BUILDSYS_PRETTY_NAME", "Bottlerocket OS"));
        PlanRequest request = new PlanRequest(targets, arch, Arch.host(), project.sdk(), identity,
                !project.config().kits().isEmpty());
        BuildPlan plan = root.buildsys().plan(request);
        Console console = root.console();
        plan.warnings().forEach(console::warn);
        if (!options.dryRun) {
            throw TwoliterException.notImplemented("executing builds (" + what + " for " + arch + ") is not"
                    + " implemented in this version of twoliter yet; nothing was done. Run with --dry-run to see the "
                    + plan.actions().size() + " planned actions and their keys");
        }
        printPlan(console, plan, arch);
        if (options.events != null) {
            Path file = root.environment().workingDir().resolve(options.events);
            try {
                EventsFile.write(file, plan.actions());
            } catch (IOException e) {
                throw new TwoliterException(ErrorCategory.FAILURE, "cannot write events file '" + file
                        + "': " + e.getMessage());
            }
        }
        return 0;
    }

    private static void printPlan(Console console, BuildPlan plan, Arch arch) {
        console.info("plan for " + arch + ": " + plan.actions().size() + " actions (--dry-run: nothing executed)");
        int width = plan.actions().stream().mapToInt(a -> a.target().length()).max().orElse(0);
        for (Action action : plan.actions()) {
            console.result(String.format("%-8s %-" + width + "s %-7s %s", action.kind().id(), action.target(),
                    action.arch().id(), action.key()));
        }
    }
}
