package twoliter.kits;

import common.TwoliterException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import twoliter.project.ImageRef;
import twoliter.project.Project;
import twoliter.project.TwoliterLock.LockedImage;

/**
 * Collects the SDKs a project and its kits want and picks the one allowed (twoliter-cli.md §2.6, §2.10): a registry
 * SDK is locked by its index digest; the in-tree SDK ({@link InTreeSdk}) only when this project builds {@code sdk/}.
 */
final class SdkChoice {
    /** One wish: a registry image or the in-tree recipe (with the digest a kit recorded, if any), and by whom. */
    private record Wish(Optional<ImageRef> registry, Optional<String> recipeDigest, String by) {
        String identity() {
            return registry.map(ImageRef::toString).orElse(InTreeSdk.NAME + "-" + InTreeSdk.VERSION + "@"
                    + InTreeSdk.VENDOR + " (" + InTreeSdk.SOURCE + ")");
        }
    }

    private final Project project;
    private final ImageSources sources;
    private final Consumer<KitEvent> events;
    private final Map<String, List<Wish>> wishes = new LinkedHashMap<>();

    SdkChoice(Project project, ImageSources sources, Consumer<KitEvent> events) {
        this.project = project;
        this.sources = sources;
        this.events = events;
        if (project.config().sdk().isPresent()) {
            add(new Wish(project.config().sdk(), Optional.empty(), "Twoliter.toml"));
        } else if (InTreeSdk.usedBy(project)) {
            add(new Wish(Optional.empty(), Optional.empty(), "this project's sdk/ recipe"));
        }
    }

    void wantedBy(KitMetadata.SdkRef sdk, String by) throws TwoliterException {
        if (sdk.inTree()) {
            add(new Wish(Optional.empty(), sdk.digest(), by));
            return;
        }
        if (!project.config().vendorRegistries().containsKey(sdk.image().vendor())) {
            throw TwoliterException.badInput(by + " was built with SDK " + sdk.image() + " from vendor '"
                    + sdk.image().vendor() + "', which Twoliter.toml does not declare; add [vendor."
                    + sdk.image().vendor() + "] with its registry");
        }
        add(new Wish(Optional.of(sdk.image()), Optional.empty(), by));
    }

    private void add(Wish wish) {
        wishes.computeIfAbsent(wish.identity(), k -> new ArrayList<>()).add(wish);
    }

    LockedImage resolve() throws TwoliterException {
        if (wishes.size() > 1) {
            List<String> found = new ArrayList<>();
            wishes.forEach((identity, list) -> found.add(identity + " (wanted by " + String.join(", ",
                    list.stream().map(Wish::by).toList()) + ")"));
            throw TwoliterException.badInput("cannot use more than one SDK; found " + String.join("; ", found)
                    + ". Name the SDK the kits were built with in the [sdk] table of Twoliter.toml (and remove sdk/"
                    + " if it is there), or use kits built with the same SDK");
        }
        if (wishes.isEmpty()) {
            throw TwoliterException.badInput("no SDK was found for this project: add an [sdk] table (name, version,"
                    + " vendor) to Twoliter.toml, or an SDK recipe at sdk/Dockerfile");
        }
        List<Wish> only = wishes.values().iterator().next();
        if (only.get(0).registry().isPresent()) {
            return registry(only.get(0).registry().get());
        }
        return inTree(only);
    }

    private LockedImage registry(ImageRef sdk) throws TwoliterException {
        ProjectImage image = ProjectImage.of(project, sdk);
        if (image.overridden()) {
            events.accept(new KitEvent.Overridden(image));
        }
        try (ImageSource source = sources.open(image)) {
            // The SDK is locked by its top-level document only; it carries no kit label (§2.6, skip_metadata).
            return new LockedImage(sdk.name(), sdk.version(), sdk.vendor(), image.sourceUri(),
                    LockDigest.of(source.topDocument(), source.location()));
        }
    }

    private LockedImage inTree(List<Wish> list) throws TwoliterException {
        if (!InTreeSdk.usedBy(project)) {
            throw TwoliterException.badInput(list.get(0).by() + " was built with the in-tree SDK of its project"
                    + " (its sdk/ recipe), and this project has no sdk/Dockerfile; copy that project's sdk/ recipe"
                    + " into this one, or use kits built with a registry SDK");
        }
        LockedImage local = InTreeSdk.locked(project.root());
        for (Wish wish : list) {
            if (wish.recipeDigest().isPresent() && !wish.recipeDigest().get().equals(local.digest())) {
                events.accept(new KitEvent.Warning(wish.by() + " was built with an sdk/ recipe of digest '"
                        + wish.recipeDigest().get() + "', this project's has '" + local.digest() + "'; its"
                        + " packages were built by a different SDK than this project's"));
            }
        }
        return local;
    }
}
