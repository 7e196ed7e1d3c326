package buildsys.exec;

import buildsys.plan.Action;
import common.TwoliterException;
import java.util.Optional;

/**
 * Makes the SDK image available. An in-tree recipe is built once per recipe key and tagged
 * {@code twoliter-sdk:<key prefix>}, so the engine's image store is its cache; a registry SDK is pulled when
 * missing.
 */
final class SdkStep {
    private final StepContext context;

    SdkStep(StepContext context) {
        this.context = context;
    }

    boolean ensure(Action action, BuildListener listener) throws TwoliterException {
        boolean inTree = action.target().startsWith("//");
        String image = SdkImageName.of(action);
        Optional<String> existing = context.runtime().imageId(image);
        if (existing.isPresent()) {
            context.sdkImage(image);
            return false;
        }
        Optional<java.nio.file.Path> archive = context.request().vendoredSdkDir()
                .map(dir -> dir.resolve(ExecutionRequest.sdkArchiveName(image)))
                .filter(java.nio.file.Files::isRegularFile);
        if (archive.isPresent()) {
            // A vendor directory's saved image (issue 7 item 6): offline builds need neither a registry nor sdk/'s
            // package mirrors.
            listener.started(action, "loading the SDK image " + image + " from " + archive.get());
            context.runtime().load(archive.get());
            if (context.runtime().imageId(image).isPresent()) {
                context.sdkImage(image);
                return true;
            }
            listener.started(action, archive.get() + " does not hold " + image + "; making it instead");
        }
        if (inTree) {
            listener.started(action, "building the SDK image " + image + " from " + action.target().substring(2));
            context.runtime().build(context.root().resolve(action.target().substring(2)), image,
                    context.logFile(action));
        } else {
            listener.started(action, "pulling the SDK image " + image);
            context.runtime().pull(image);
        }
        context.sdkImage(image);
        return true;
    }
}
