package buildsys.exec;

import buildsys.container.RunResult;
import buildsys.container.RunSpec;
import buildsys.container.TarInput;
import buildsys.kits.ExternalKitEnv;
import buildsys.plan.Action;
import buildsys.plan.ActionKind;
import common.TwoliterException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Builds a kit for one arch: its packages' arch RPMs (no debuginfo, no debugsource) under
 * {@code <arch>/Packages/<pkg>/}, a yum repository made by createrepo_c in the SDK, and the OCI image-layout
 * archive {@code <kit>-v<version>-<build id>-<arch>.tar} carrying the kit metadata label (buildsys.md §6.2).
 */
final class KitStep {
    private static final String SCRIPT = "/twoliter/build-kit.sh";

    private final StepContext context;

    KitStep(StepContext context) {
        this.context = context;
    }

    Path run(Action action, Path scratch) throws TwoliterException, IOException {
        String arch = action.arch().id();
        String kit = action.env().get("KIT");
        List<DependencyOutput> rpms = new ArrayList<>();
        for (DependencyOutput rpm : context.dependencyOutputs(action, ActionKind.PACKAGE)) {
            String file = rpm.path();
            if (file.endsWith("." + arch + ".rpm") && !file.contains("-debuginfo-")
                    && !file.contains("-debugsource-")) {
                rpms.add(rpm);
            }
        }
        TarInput input = new TarInput().text(SCRIPT, Resources.text("build-kit.sh"), true)
                .directory("/twoliter/output").directory("/twoliter/kit/Packages");
        for (DependencyOutput rpm : rpms) {
            input.file("/twoliter/kit/Packages/" + rpm.name() + "/" + rpm.path(), rpm.file(), false);
        }
        Path repo = scratch.resolve("repo");
        RunResult result = context.runtime().run(new RunSpec(context.sdkImage(), List.of("bash", SCRIPT),
                Map.of("KIT", kit, "ARCH", arch), "root", false, input, "/twoliter/output", repo,
                context.logFile(action), "kit " + kit + " " + arch));
        if (!result.succeeded()) {
            throw context.stepFailed(action, "bash " + SCRIPT, result.exitCode());
        }
        Path out = scratch.resolve("out");
        Path archDir = out.resolve(arch);
        for (DependencyOutput rpm : rpms) {
            Path target = archDir.resolve("Packages").resolve(rpm.name()).resolve(rpm.path());
            Files.createDirectories(target.getParent());
            Files.copy(rpm.file(), target, StandardCopyOption.REPLACE_EXISTING);
        }
        Files.move(repo.resolve("repodata"), archDir.resolve("repodata"));
        String version = action.env().get("VERSION_ID");
        String buildId = action.env().get("BUILD_ID");
        List<String> localKits = List.of(action.env().get("LOCAL_KIT_DEPENDENCIES").split(" ")).stream()
                .filter(s -> !s.isEmpty()).toList();
        new KitImageWriter(kit, version, action.env().get("VENDOR"), action.arch(),
                context.request().buildIdTimestamp())
                .write(archDir, new KitImageWriter.Dependencies(localKits, ExternalKitEnv.read(action.env()),
                                ExternalKitEnv.sdk(action.env())),
                        out.resolve(kit + "-v" + version + "-" + buildId + "-" + arch + ".tar"));
        return out;
    }
}
