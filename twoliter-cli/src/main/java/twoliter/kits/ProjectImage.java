package twoliter.kits;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import twoliter.project.ImageRef;
import twoliter.project.Project;
import twoliter.project.TwoliterOverride;

/**
 * An SDK or kit as this project reads it (twoliter-cli.md §2.4): the original source URI the lock records, and where
 * it is really read from after Twoliter.override, a registry URI or a local path.
 */
public record ProjectImage(ImageRef image, String sourceUri, String pullUri, Optional<Path> localPath) {
    public ProjectImage {
        Objects.requireNonNull(image);
        Objects.requireNonNull(sourceUri);
        Objects.requireNonNull(pullUri);
        Objects.requireNonNull(localPath);
    }

    public static ProjectImage of(Project project, ImageRef image) {
        String registry = project.config().vendorRegistries().get(image.vendor());
        String source = (registry == null || registry.isEmpty() ? "" : registry + "/") + image.name() + ":v"
                + image.version();
        Optional<Path> path = project.override().forImage(image.vendor(), image.name())
                .flatMap(TwoliterOverride.Entry::path).map(p -> project.root().resolve(p).normalize());
        return new ProjectImage(image, source, project.projectImageUri(image), path);
    }

    public boolean overridden() {
        return localPath.isPresent() || !pullUri.equals(sourceUri);
    }

    /** Where it is read from, for messages: the local path or the registry URI. */
    public String location() {
        return localPath.map(Path::toString).orElse(pullUri);
    }

    /** {@code core-kit-1.0.0@local}, plus {@code (overridden-to: <path or URI>)} when Twoliter.override applies. */
    @Override
    public String toString() {
        return image + (overridden() ? " (overridden-to: " + location() + ")" : "");
    }
}
