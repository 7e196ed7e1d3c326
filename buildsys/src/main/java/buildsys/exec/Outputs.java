package buildsys.exec;

import buildsys.cache.ActionResult;
import buildsys.cache.ContentStore;
import buildsys.cache.CorruptObjectException;
import buildsys.cache.OutputMaterializer;
import buildsys.plan.Action;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Where outputs go, at upstream's paths: {@code build/rpms/<package>/}, {@code build/kits/<kit>/} and
 * {@code build/images/<arch>-<variant>/<version>-<build id>/}. Package and kit directories are shared by both arches,
 * so each arch keeps its own record of what it put there. A variant's root filesystem is an intermediate result and
 * lives under {@code build/state/}. Go module bundles, which upstream writes beside the spec, go to
 * {@code build/go-bundles/<package>/}, since fetched and generated files never land in the source tree.
 */
final class Outputs {
    private Outputs() {
    }

    static Path directory(Path root, Action action, String name) {
        return switch (action.kind()) {
            case GO_BUNDLE -> root.resolve("build/go-bundles").resolve(name);
            case PACKAGE -> root.resolve("build/rpms").resolve(name);
            case KIT -> root.resolve("build/kits").resolve(name);
            case VARIANT -> action.step().equals(ImageStep.STEP)
                    ? root.resolve("build/images").resolve(action.arch().id() + "-" + name)
                            .resolve(action.env().get("VERSION_ID") + "-" + action.env().get("BUILD_ID"))
                    : root.resolve("build/state").resolve(action.arch().id()).resolve("variant").resolve(name
                            + "-rootfs");
            case SDK -> throw new IllegalArgumentException("the SDK has no output files");
        };
    }

    static void materialize(ContentStore store, Action action, ActionResult result, Path dir)
            throws IOException, CorruptObjectException {
        new OutputMaterializer(store).materialize(result, dir, action.arch().id());
    }
}
