package twoliter.kits;

import common.Arch;
import common.ErrorCategory;
import common.TwoliterException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import twoliter.project.ImageRef;
import twoliter.project.Project;
import twoliter.project.TwoliterLock;
import twoliter.project.TwoliterLock.LockedImage;

/**
 * The facade of external kits: {@code update} resolves and writes Twoliter.lock, {@code fetch} unpacks the locked
 * kits, and the rest of twoliter only reads what these leave on disk (no registry round-trip per command).
 */
public final class Kits {
    public static final String EXTERNAL_KITS_DIR = "build/external-kits";

    private Kits() {
    }

    /** Resolves the SDK and kits and writes Twoliter.lock atomically, unless it already holds the same bytes. */
    public static TwoliterLock update(Project project, ImageSources sources, Consumer<KitEvent> events)
            throws TwoliterException {
        TwoliterLock lock = new KitResolver(project, sources, events).resolve();
        Path file = project.root().resolve(TwoliterLock.FILE);
        try {
            boolean changed = ExternalKitMetadata.writeIfChanged(file,
                    lock.toToml().getBytes(StandardCharsets.UTF_8));
            events.accept(new KitEvent.LockWritten(file, changed));
        } catch (IOException e) {
            throw new TwoliterException(ErrorCategory.FAILURE, "cannot write '" + file + "': " + e.getMessage(), e);
        }
        return lock;
    }

    /** {@link #fetch(Project, Arch, ImageSources, UnpackLimits, Consumer)} with the default limits. */
    public static void fetch(Project project, Arch arch, ImageSources sources, Consumer<KitEvent> events)
            throws TwoliterException {
        fetch(project, arch, sources, UnpackLimits.DEFAULT, events);
    }

    /**
     * Unpacks every locked kit for {@code arch}, each within {@code limits}, and writes external-kit-metadata.json
     * (even with no kits).
     */
    public static void fetch(Project project, Arch arch, ImageSources sources, UnpackLimits limits,
            Consumer<KitEvent> events) throws TwoliterException {
        new KitFetcher(project, sources, limits, events).fetch(arch);
    }

    /** Fails, without a registry, when Twoliter.lock is missing or no longer matches Twoliter.toml. */
    public static TwoliterLock checkLock(Project project) throws TwoliterException {
        TwoliterLock lock = LockCheck.requireLock(project);
        LockCheck.check(project, lock);
        return lock;
    }

    /**
     * The SDK and kits that Twoliter.override redirects, from the lock when there is one (else Twoliter.toml), so
     * build output can say which images are not what the vendor publishes.
     */
    public static List<ProjectImage> overridden(Project project) {
        List<ImageRef> images = new ArrayList<>();
        if (project.lock().isPresent()) {
            images.add(project.lock().get().sdk().image());
            project.lock().get().kits().stream().map(LockedImage::image).forEach(images::add);
        } else {
            project.config().sdk().ifPresent(images::add);
            images.addAll(project.config().kits());
        }
        return images.stream().filter(i -> project.config().vendorRegistries().containsKey(i.vendor()))
                .map(i -> ProjectImage.of(project, i)).filter(ProjectImage::overridden).toList();
    }

    /** Whether builds make the locked kit from the sources of the project Twoliter.override points it at. */
    public static boolean builtFromSource(Project project, LockedImage kit) throws TwoliterException {
        return ComposedKits.open(ProjectImage.of(project, kit.image())).isPresent();
    }

    /**
     * Copies a locked kit, for the given architectures, into an OCI image layout directory (a vendor directory's
     * {@code kits/<vendor>/<kit>/}); the layout's {@code index.json} keeps the lock digest.
     */
    public static void copyToLayout(Project project, LockedImage kit, java.util.Set<Arch> arches, Path layout,
                                    ImageSources sources) throws TwoliterException {
        try (ImageSource source = sources.open(ProjectImage.of(project, kit.image()))) {
            KitLayoutCopier.copy(source, kit, arches, layout);
        }
    }

    /** The lock digest of an OCI image layout directory's {@code index.json}, if it has one. */
    public static java.util.Optional<String> layoutDigest(Path layout) throws TwoliterException {
        return KitLayoutCopier.digest(layout);
    }

    public static Path externalKitsDir(Path projectRoot) {
        return Objects.requireNonNull(projectRoot).resolve(EXTERNAL_KITS_DIR);
    }
}
