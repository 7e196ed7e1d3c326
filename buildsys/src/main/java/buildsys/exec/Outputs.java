package buildsys.exec;

import buildsys.cache.ActionResult;
import buildsys.cache.ContentStore;
import buildsys.cache.CorruptObjectException;
import buildsys.cache.OutputMaterializer;
import buildsys.plan.Action;
import buildsys.plan.ActionKind;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Where outputs go, at upstream's paths: {@code build/rpms/<package>/} and {@code build/kits/<kit>/}. Both arches
 * share these directories, so each arch keeps its own record of what it put there.
 */
final class Outputs {
    private Outputs() {
    }

    static Path directory(Path root, ActionKind kind, String name) {
        return switch (kind) {
            case PACKAGE -> root.resolve("build/rpms").resolve(name);
            case KIT -> root.resolve("build/kits").resolve(name);
            default -> throw new IllegalArgumentException("no outputs for " + kind);
        };
    }

    static void materialize(ContentStore store, Action action, ActionResult result, Path root, String name)
            throws IOException, CorruptObjectException {
        new OutputMaterializer(store).materialize(result, directory(root, action.kind(), name),
                action.arch().id());
    }
}
