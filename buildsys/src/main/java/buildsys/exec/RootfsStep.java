package buildsys.exec;

import buildsys.container.RunResult;
import buildsys.container.RunSpec;
import buildsys.container.TarInput;
import buildsys.plan.Action;
import buildsys.plan.ActionKind;
import common.TwoliterException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A variant's root filesystem for one arch: its packages resolved from the kits it depends on and installed, with
 * os-release and the application inventory, as an ext4 (or erofs) image and its dm-verity hash tree
 * (build-rootfs.sh documents the container side). Kernel parameters and image formats do not reach it.
 */
final class RootfsStep {
    static final String STEP = "rootfs";
    private static final String SCRIPT = "/twoliter/build-rootfs.sh";
    private static final List<String> ENV = List.of("VARIANT", "VERSION_ID", "BUILD_ID", "PRETTY_NAME", "IMAGE_NAME",
            "PACKAGES", "ROOT_SIZE_MIB", "HASH_SIZE_MIB", "ROOT_FS", "DATA_FS", "SYSTEMD_NETWORKD");

    private final StepContext context;

    RootfsStep(StepContext context) {
        this.context = context;
    }

    Path run(Action action, Path scratch) throws TwoliterException, IOException {
        TarInput input = new TarInput().text(SCRIPT, Resources.text("build-rootfs.sh"), true)
                .directory("/twoliter/output").directory("/twoliter/kits");
        String archPrefix = action.arch().id() + "/";
        for (DependencyOutput kitFile : context.dependencyOutputs(action, ActionKind.KIT)) {
            if (kitFile.path().startsWith(archPrefix)) {
                input.file("/twoliter/kits/" + kitFile.name() + "/" + kitFile.path().substring(archPrefix.length()),
                        kitFile.file(), false);
            }
        }
        for (DependencyOutput rpm : context.dependencyOutputs(action, ActionKind.PACKAGE)) {
            input.file("/twoliter/rpms/" + rpm.path(), rpm.file(), false);
        }
        context.addExternalKits(action, input);
        Map<String, String> env = new HashMap<>();
        ENV.forEach(name -> env.put(name, action.env().get(name)));
        env.put("ARCH", action.arch().id());
        Path out = scratch.resolve("out");
        RunResult result = context.runtime().run(new RunSpec(context.sdkImage(), List.of("bash", SCRIPT), env,
                "root", false, input, "/twoliter/output", out, context.logFile(action),
                "rootfs " + action.env().get("VARIANT") + " " + action.arch()));
        if (!result.succeeded()) {
            throw context.stepFailed(action, "bash " + SCRIPT, result.exitCode());
        }
        return out;
    }
}
