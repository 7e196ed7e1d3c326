package buildsys.plan;

import java.util.Locale;

/** The kinds of action a build runs, in the order a plan lists them when nothing else decides. */
public enum ActionKind {
    SDK(1),
    GO_BUNDLE(1),
    PACKAGE(1),
    KIT(1),
    VARIANT(1);

    /**
     * Bumped whenever what an action of this kind does changes, so that every cached result of the old recipe
     * becomes a miss (upstream needed BUILDSYS_OUTPUT_GENERATION_ID and epoch bumps for this).
     */
    private final int recipeVersion;

    ActionKind(int recipeVersion) {
        this.recipeVersion = recipeVersion;
    }

    /** The name in events and plans: sdk, go-bundle, package, kit, variant. */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public int recipeVersion() {
        return recipeVersion;
    }
}
