package buildsys.exec;

import buildsys.plan.Action;

/**
 * The image an SDK action stands for: an in-tree recipe's image is tagged {@code twoliter-sdk:<key prefix>}, so the
 * engine's image store is its cache; a registry SDK is its URI. Shared by the build and by {@code twoliter vendor}.
 */
public final class SdkImageName {
    static final String TAG_PREFIX = "twoliter-sdk:";

    private SdkImageName() {
    }

    public static String of(Action action) {
        return action.target().startsWith("//") ? TAG_PREFIX + action.key().substring(0, 16) : action.target();
    }
}
