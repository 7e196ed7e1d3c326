package buildsys.exec;

import buildsys.container.RunResult;
import buildsys.container.RunSpec;
import buildsys.container.TarInput;
import buildsys.image.DiskPlan;
import buildsys.image.GrubConfig;
import buildsys.image.ImageNames;
import buildsys.image.PartitionPlanner;
import buildsys.image.VerityTable;
import buildsys.manifest.ImageFeature;
import buildsys.manifest.ImageFormat;
import buildsys.manifest.PartitionPlan;
import buildsys.manifest.VariantSpec;
import buildsys.plan.Action;
import buildsys.plan.ActionKind;
import common.ErrorCategory;
import common.TwoliterException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * A variant's disk images for one arch, from its root filesystem step: the partition plan and grub.cfg are computed
 * here, the filesystems, GPT and formats are made by build-image.sh in the SDK, and the results are named as
 * upstream names them ({@code bottlerocket-<variant>-<arch>-<version>-<build>.img.lz4} and the update images).
 */
final class ImageStep {
    static final String STEP = "image";
    private static final String SCRIPT = "/twoliter/build-image.sh";

    private final StepContext context;

    ImageStep(StepContext context) {
        this.context = context;
    }

    Path run(Action action, Path scratch) throws TwoliterException, IOException {
        VariantSpec spec = (VariantSpec) context.manifest(action).metadata();
        DiskPlan plan = PartitionPlanner.plan(spec.imageLayout(),
                spec.imageFeatures().contains(ImageFeature.IN_PLACE_UPDATES));
        Map<String, Path> rootfs = new HashMap<>();
        for (DependencyOutput output : context.dependencyOutputs(action, ActionKind.VARIANT)) {
            rootfs.put(output.path(), output.file());
        }
        boolean privateVar = spec.imageFeatures().contains(ImageFeature.GRUB_SET_PRIVATE_VAR);
        GrubConfig grub = new GrubConfig(action.env().get("PRETTY_NAME"), action.env().get("VERSION_ID"),
                action.env().get("KERNEL_PARAMETERS"), privateVar, verityTable(rootfs.get("verity.env")));
        TarInput input = new TarInput().text(SCRIPT, Resources.text("build-image.sh"), true)
                .directory("/twoliter/output").directory("/twoliter/bootconfig")
                .file("/twoliter/root.ext4", rootfs.get("root.ext4"), false)
                .file("/twoliter/root.verity", rootfs.get("root.verity"), false)
                .text("/twoliter/grub.cfg", grub.render(), false)
                .text("/twoliter/plan.env", PlanEnv.render(plan), false);
        rootfs.forEach((path, file) -> {
            if (path.startsWith("boot/")) {
                input.file("/twoliter/" + path, file, Files.isExecutable(file));
            }
        });
        Map<String, String> env = Map.of("ARCH", action.arch().id(), "IMAGE_FORMAT", spec.imageFormat().key(),
                "PARTITION_PLAN", spec.imageLayout().partitionPlan().key(),
                "GRUB_SET_PRIVATE_VAR", privateVar ? "yes" : "no", "DATA_FS", action.env().get("DATA_FS"));
        Path raw = scratch.resolve("raw");
        RunResult result = context.runtime().run(new RunSpec(context.sdkImage(), List.of("bash", SCRIPT), env,
                "root", false, input, "/twoliter/output", raw, context.logFile(action),
                "image " + spec.name() + " " + action.arch()));
        if (!result.succeeded()) {
            throw context.stepFailed(action, "bash " + SCRIPT, result.exitCode());
        }
        return name(action, spec, raw, rootfs.get("application-inventory.json"), scratch.resolve("out"));
    }

    /** Moves the script's outputs to upstream's names, and adds the inventory and the migrations archive. */
    private static Path name(Action action, VariantSpec spec, Path raw, Path inventory, Path out)
            throws IOException, TwoliterException {
        ImageNames names = ImageLinks.names(action);
        ImageFormat format = spec.imageFormat();
        String extension = switch (format) {
            case RAW -> ".img.lz4";
            case QCOW2 -> ".qcow2";
            case VMDK -> ".vmdk";
        };
        Files.createDirectories(out);
        move(raw.resolve("os" + extension), out.resolve(names.osDisk(format).fileName()));
        if (spec.imageLayout().partitionPlan() == PartitionPlan.SPLIT) {
            move(raw.resolve("data" + extension), out.resolve(names.dataDisk(format).fileName()));
        }
        move(raw.resolve("boot.ext4.lz4"), out.resolve(names.bootImage().fileName()));
        move(raw.resolve("root.ext4.lz4"), out.resolve(names.rootImage().fileName()));
        move(raw.resolve("root.verity.lz4"), out.resolve(names.verityImage().fileName()));
        Files.copy(inventory, out.resolve(names.inventory().fileName()));
        // No package of this project ships migrations yet: upstream writes an empty archive then, so do we.
        Files.write(out.resolve(names.migrations().fileName()), new byte[10240]);
        return out;
    }

    private static void move(Path from, Path to) throws IOException, TwoliterException {
        if (!Files.isRegularFile(from)) {
            throw new TwoliterException(ErrorCategory.FAILURE, "build-image.sh did not produce '"
                    + from.getFileName() + "'; see the image step's log");
        }
        Files.move(from, to);
    }

    private static VerityTable verityTable(Path verityEnv) throws IOException {
        Properties values = new Properties();
        try (var in = Files.newInputStream(verityEnv)) {
            values.load(in);
        }
        return VerityTable.of(Long.parseLong(values.getProperty("DATA_BLOCKS").strip()),
                values.getProperty("ROOT_HASH").strip(), values.getProperty("SALT").strip());
    }
}
