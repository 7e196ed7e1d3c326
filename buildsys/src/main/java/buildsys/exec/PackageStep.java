package buildsys.exec;

import buildsys.container.RunResult;
import buildsys.container.RunSpec;
import buildsys.container.TarInput;
import buildsys.manifest.ExternalFile;
import buildsys.manifest.Manifest;
import buildsys.manifest.PackageSpec;
import buildsys.plan.Action;
import buildsys.plan.ActionKind;
import buildsys.plan.InputFile;
import common.ErrorCategory;
import common.TwoliterException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Builds one package's RPMs for one arch with rpmbuild in the SDK, without network, from exactly the action's
 * declared inputs, its fetched external files and the RPMs and kits it depends on (the layout build-package.sh
 * documents).
 */
final class PackageStep {
    private static final String SCRIPT = "/twoliter/build-package.sh";

    private final StepContext context;

    PackageStep(StepContext context) {
        this.context = context;
    }

    Path run(Action action, Path scratch) throws TwoliterException, IOException {
        Manifest manifest = context.manifest(action);
        PackageSpec spec = (PackageSpec) manifest.metadata();
        String packageDir = manifest.label().dir() + "/";
        TarInput input = new TarInput().text(SCRIPT, Resources.text("build-package.sh"), true)
                .directory("/twoliter/output").directory("/twoliter/deps");
        for (InputFile file : action.inputs()) {
            Path source = context.sourceRoot(action).resolve(file.path());
            if (file.path().startsWith(packageDir)) {
                input.file("/twoliter/package/" + file.path().substring(packageDir.length()), source,
                        file.executable());
            } else {
                input.file("/twoliter/" + file.path(), source, file.executable());
            }
        }
        for (ExternalFile file : spec.externalFiles()) {
            input.file("/twoliter/package/" + file.path(), context.fetchedFile(action, file), false);
        }
        for (DependencyOutput bundle : context.dependencyOutputs(action, ActionKind.GO_BUNDLE)) {
            input.file("/twoliter/package/" + bundle.path(), bundle.file(), false);
        }
        for (DependencyOutput rpm : context.dependencyOutputs(action, ActionKind.PACKAGE)) {
            input.file("/twoliter/deps/" + rpm.path(), rpm.file(), false);
        }
        String archPrefix = action.arch().id() + "/";
        for (DependencyOutput kitFile : context.dependencyOutputs(action, ActionKind.KIT)) {
            if (kitFile.path().startsWith(archPrefix)) {
                input.file("/twoliter/kits/" + kitFile.name() + "/" + kitFile.path().substring(archPrefix.length()),
                        kitFile.file(), false);
            }
        }
        context.addExternalKits(action, input);
        Path out = scratch.resolve("out");
        RunResult result = context.runtime().run(new RunSpec(context.sdkImage(), List.of("bash", SCRIPT),
                Map.of("PACKAGE", spec.packageName(), "ARCH", action.arch().id(),
                        "BUILD_ID", context.request().buildId(),
                        "BUILD_ID_TIMESTAMP", context.request().buildIdTimestamp()),
                "root", false, input, "/twoliter/output", out, context.logFile(action),
                "package " + spec.packageName() + " " + action.arch()));
        if (!result.succeeded()) {
            throw context.stepFailed(action, "bash " + SCRIPT, result.exitCode());
        }
        requireOnlyRpms(out, "package " + spec.packageName() + " (" + action.arch() + ")");
        return out;
    }

    /**
     * The output of a package build is the RPMs rpmbuild wrote, side by side. Anything else (a subdirectory, a link,
     * another file) was not made by build-package.sh and is refused rather than cached as the package's output.
     */
    static void requireOnlyRpms(Path out, String what) throws TwoliterException, IOException {
        List<Path> entries;
        try (Stream<Path> walk = Files.walk(out)) {
            entries = walk.filter(p -> !p.equals(out)).sorted().toList();
        }
        for (Path entry : entries) {
            if (!entry.getParent().equals(out) || !entry.getFileName().toString().endsWith(".rpm")
                    || !Files.isRegularFile(entry, LinkOption.NOFOLLOW_LINKS)) {
                throw new TwoliterException(ErrorCategory.FAILURE, what + " left '" + out.relativize(entry)
                        + "' in its output, which holds only the RPMs rpmbuild wrote; the spec or the SDK image"
                        + " put it there, and nothing of this build was kept");
            }
        }
    }
}
