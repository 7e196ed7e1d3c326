package buildsys.exec;

import buildsys.cache.ActionResult;
import buildsys.cache.ContentStore;
import buildsys.cache.CorruptObjectException;
import buildsys.cache.OutputMaterializer;
import buildsys.manifest.Label;
import buildsys.plan.Action;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Where outputs go, at upstream's paths: {@code build/rpms/<package>/}, {@code build/kits/<kit>/} and
 * {@code build/images/<arch>-<variant>/<version>-<build id>/}. Package and kit directories are shared by both arches,
 * so each arch keeps its own record of what it put there. A variant's root filesystem is an intermediate result and
 * lives under {@code build/state/}. The packages and kits of a composed repository (a kit built from another
 * project's sources) go under {@code build/composed/<repository>/rpms/} and {@code .../kits/}, since both projects
 * may have a package of the same name. Go module bundles, which upstream writes beside the spec, go to
 * {@code build/go-bundles/<package>/}, since fetched and generated files never land in the source tree.
 */
final class Outputs {
    static final String COMPOSED = "build/composed";

    private Outputs() {
    }

    static Path directory(Path root, Action action, String name) {
        return switch (action.kind()) {
            case GO_BUNDLE -> base(root, action).resolve("go-bundles").resolve(name);
            case PACKAGE -> base(root, action).resolve("rpms").resolve(name);
            case KIT -> base(root, action).resolve("kits").resolve(name);
            case VARIANT -> action.step().equals(ImageStep.STEP)
                    ? root.resolve("build/images").resolve(action.arch().id() + "-" + name)
                            .resolve(action.env().get("VERSION_ID") + "-" + action.env().get("BUILD_ID"))
                    : root.resolve("build/state").resolve(action.arch().id()).resolve("variant").resolve(name
                            + "-rootfs");
            case SDK -> throw new IllegalArgumentException("the SDK has no output files");
        };
    }

    private static Path base(Path root, Action action) {
        Label label = Label.parse(action.target());
        return label.isMain() ? root.resolve("build") : root.resolve(COMPOSED).resolve(label.repository());
    }

    static void materialize(ContentStore store, Action action, ActionResult result, Path dir)
            throws IOException, CorruptObjectException {
        new OutputMaterializer(store).materialize(result, dir, action.arch().id());
    }
}
