package twoliter.project;

import buildsys.plan.SdkSource;
import common.TwoliterException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * A loaded twoliter project: its root directory (the one holding Twoliter.toml) and its project-level files. The
 * Cargo manifests are loaded separately by buildsys.
 */
public record Project(Path root, TwoliterToml config, TwoliterOverride override, Optional<TwoliterLock> lock,
                      Optional<ReleaseToml> release) {
    /** The directory of the in-tree SDK recipe, used when Twoliter.toml names no registry SDK. */
    public static final String IN_TREE_SDK_DIR = "sdk";

    public Project {
        Objects.requireNonNull(root);
        Objects.requireNonNull(config);
        Objects.requireNonNull(override);
        Objects.requireNonNull(lock);
        Objects.requireNonNull(release);
    }

    /**
     * Where the SDK comes from: the registry image of Twoliter.toml's [sdk] (override applied, lock digest when
     * locked), else the project's {@code sdk/} recipe, else the SDK recorded in the lock (kits imply it).
     */
    public SdkSource sdk() throws TwoliterException {
        if (config.sdk().isPresent()) {
            ImageRef sdk = config.sdk().get();
            Optional<String> digest = lock.map(TwoliterLock::sdk).filter(l -> l.name().equals(sdk.name())
                    && l.version().equals(sdk.version())).map(TwoliterLock.LockedImage::digest);
            return new SdkSource.Registry(projectImageUri(sdk), digest);
        }
        if (Files.isRegularFile(root.resolve(IN_TREE_SDK_DIR).resolve("Dockerfile"))) {
            return new SdkSource.InTree(IN_TREE_SDK_DIR);
        }
        if (lock.isPresent()) {
            TwoliterLock.LockedImage locked = lock.get().sdk();
            ImageRef ref = new ImageRef(locked.name(), locked.version(), locked.vendor());
            String uri = config.vendorRegistries().containsKey(locked.vendor()) ? projectImageUri(ref)
                    : locked.source();
            return new SdkSource.Registry(uri, Optional.of(locked.digest()));
        }
        throw TwoliterException.badInput("the project names no SDK: add an [sdk] table (name, version, vendor) to"
                + " Twoliter.toml, or an SDK recipe at sdk/Dockerfile");
    }

    /**
     * The URI images are pulled from: {@code <registry>/<name>:v<version>} with Twoliter.override applied
     * (twoliter-cli.md §2.4).
     */
    public String projectImageUri(ImageRef image) {
        Optional<TwoliterOverride.Entry> entry = override.forImage(image.vendor(), image.name());
        String registry = entry.flatMap(TwoliterOverride.Entry::registry)
                .orElse(config.vendorRegistries().get(image.vendor()));
        String name = entry.flatMap(TwoliterOverride.Entry::name).orElse(image.name());
        return (registry == null || registry.isEmpty() ? "" : registry + "/") + name + ":v" + image.version();
    }
}
