package twoliter.kits;

import com.fasterxml.jackson.databind.JsonNode;
import common.AtomicFiles;
import common.Arch;
import common.ErrorCategory;
import common.TwoliterException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import oci.Digest;
import twoliter.project.Project;
import twoliter.project.TwoliterLock;
import twoliter.project.TwoliterLock.LockedImage;

/**
 * {@code twoliter fetch} (twoliter-cli.md §2.8): unpacks each locked kit's image for one architecture into
 * {@code build/external-kits/<vendor>/<kit>/<arch>/} and writes external-kit-metadata.json. A kit already unpacked
 * for its lock digest is skipped without any network access; otherwise the index must still have the lock digest.
 */
final class KitFetcher {
    /** The arch image's registry digest, as upstream writes it (no newline). */
    static final String DIGEST_FILE = "digest";
    /** The lock digest the directory was unpacked for: lets a repeated fetch skip the registry entirely. */
    static final String LOCK_DIGEST_FILE = ".lock-digest";
    private static final Set<String> LAYER_TYPES = Set.of("application/vnd.oci.image.layer.v1.tar",
            "application/vnd.oci.image.layer.v1.tar+gzip", "application/vnd.docker.image.rootfs.diff.tar.gzip",
            "application/vnd.docker.image.rootfs.diff.tar");

    private final Project project;
    private final ImageSources sources;
    private final Consumer<KitEvent> events;
    private final Path base;
    private final UnpackLimits limits;

    KitFetcher(Project project, ImageSources sources, UnpackLimits limits, Consumer<KitEvent> events) {
        this.project = project;
        this.sources = sources;
        this.limits = limits;
        this.events = events;
        this.base = Kits.externalKitsDir(project.root());
    }

    void fetch(Arch arch) throws TwoliterException {
        TwoliterLock lock = LockCheck.requireLock(project);
        LockCheck.check(project, lock);
        for (LockedImage kit : lock.kits()) {
            fetchKit(kit, arch);
        }
        Path file = base.resolve(ExternalKitMetadata.FILE);
        try {
            boolean changed = ExternalKitMetadata.writeIfChanged(file,
                    ExternalKitMetadata.bytes(lock.kits(), sdk(lock)));
            events.accept(new KitEvent.MetadataWritten(file, changed));
        } catch (IOException e) {
            throw failure("cannot write '" + file + "': " + e.getMessage(), e);
        }
    }

    /** The lock's SDK; for the in-tree SDK, the current recipe digest, since builds use the current recipe. */
    private LockedImage sdk(TwoliterLock lock) throws TwoliterException {
        if (!InTreeSdk.isInTree(lock.sdk()) || !InTreeSdk.usedBy(project)) {
            return lock.sdk();
        }
        LockedImage current = InTreeSdk.locked(project.root());
        if (!current.digest().equals(lock.sdk().digest())) {
            events.accept(new KitEvent.Warning("sdk/ changed since " + TwoliterLock.FILE + " was written (recipe"
                    + " digest '" + current.digest() + "', locked '" + lock.sdk().digest() + "'); using the"
                    + " current recipe. Run 'twoliter update' to record it"));
        }
        return current;
    }

    private void fetchKit(LockedImage kit, Arch arch) throws TwoliterException {
        ProjectImage image = ProjectImage.of(project, kit.image());
        if (image.overridden()) {
            events.accept(new KitEvent.Overridden(image));
        }
        // A kit built from another project's sources has no image to fetch, whatever digest the lock holds.
        Optional<ComposedKits.KitProject> kitProject = ComposedKits.open(image);
        if (kitProject.isPresent()) {
            ComposedKits.checkVersion(kit.image(), kitProject.get());
            events.accept(new KitEvent.BuiltFromSource(kit, kitProject.get().root()));
            return;
        }
        if (kit.builtFromSource()) {
            throw TwoliterException.badInput(TwoliterLock.FILE + " locks kit " + kit + " as built from source, but"
                    + " Twoliter.override no longer points it at a project that defines it; run 'twoliter update'"
                    + " to lock its image");
        }
        Path target = base.resolve(kit.vendor()).resolve(kit.name()).resolve(arch.id());
        if (Files.isRegularFile(target.resolve(DIGEST_FILE))
                && read(target.resolve(LOCK_DIGEST_FILE)).equals(Optional.of(kit.digest()))) {
            events.accept(new KitEvent.UpToDate(kit, arch, target));
            return;
        }
        try (ImageSource source = sources.open(image)) {
            byte[] top = source.topDocument();
            String digest = LockDigest.of(top, source.location());
            if (!digest.equals(kit.digest())) {
                throw TwoliterException.badInput("kit " + kit + " at '" + source.location() + "' has digest '"
                        + digest + "' but " + TwoliterLock.FILE + " has '" + kit.digest() + "': the image changed"
                        + " since the lock was written" + (image.overridden() ? " (or Twoliter.override changed)"
                        : "") + "; run 'twoliter update' to lock the new content");
            }
            ImageIndex.Entry entry = ImageIndex.parse(top, source.location()).forArch(arch)
                    .orElseThrow(() -> TwoliterException.badInput("kit " + kit + " has no image for architecture "
                            + arch + " ('" + arch.goArch() + "'); fetch another architecture or publish the kit for"
                            + " this one"));
            if (read(target.resolve(DIGEST_FILE)).equals(Optional.of(entry.digest().toString()))) {
                write(target.resolve(LOCK_DIGEST_FILE), kit.digest());
                events.accept(new KitEvent.UpToDate(kit, arch, target));
                return;
            }
            unpack(source, kit, arch, entry.digest(), target);
        }
        events.accept(new KitEvent.Fetched(kit, arch, target));
    }

    /** Unpacks into a temporary sibling, writes the digest files last, then swaps it in: nothing half-written. */
    private void unpack(ImageSource source, LockedImage kit, Arch arch, Digest manifestDigest, Path target)
            throws TwoliterException {
        String where = source.location() + "@" + manifestDigest;
        JsonNode manifest = ImageIndex.json(source.manifest(manifestDigest), "manifest " + where);
        Digest configDigest = Digest.parse(manifest.path("config").path("digest").asText(null),
                "the config digest of manifest " + where);
        String architecture = ImageIndex.json(source.blob(configDigest), "config of " + where)
                .path("architecture").asText("");
        if (!architecture.equals(arch.goArch())) {
            throw TwoliterException.badInput("the " + arch.goArch() + " image of kit " + kit + " (" + where
                    + ") has a config for architecture '" + architecture + "'; republish the kit");
        }
        Path tmp = null;
        try {
            Files.createDirectories(target.getParent());
            tmp = Files.createTempDirectory(target.getParent(), "." + arch.id() + ".tmp-");
            UnpackLimits.Budget budget = limits.budget();
            for (JsonNode layer : manifest.path("layers")) {
                String mediaType = layer.path("mediaType").asText("");
                Digest digest = Digest.parse(layer.path("digest").asText(null), "a layer digest of " + where);
                if (!LAYER_TYPES.contains(mediaType)) {
                    throw TwoliterException.badInput("layer '" + digest + "' of kit " + kit + " has media type '"
                            + mediaType + "'; kit layers are tars, plain or gzip");
                }
                extract(source.blobFile(digest, base.resolve("cache")), new Layer(digest, kit, budget), tmp);
            }
            write(tmp.resolve(DIGEST_FILE), manifestDigest.toString());
            write(tmp.resolve(LOCK_DIGEST_FILE), kit.digest());
            swap(tmp, target);
        } catch (IOException e) {
            throw failure("cannot unpack kit " + kit + " into '" + target + "': " + e.getMessage(), e);
        } finally {
            if (tmp != null) {
                LocalImageSource.deleteTree(tmp);
            }
        }
    }

    /** One layer being unpacked: the budget spans all layers of the kit's image. */
    private record Layer(Digest digest, LockedImage kit, UnpackLimits.Budget budget) {
    }

    private void extract(Path blob, Layer layer, Path dir) throws TwoliterException, IOException {
        Digest digest = layer.digest();
        LockedImage kit = layer.kit();
        MessageDigest sha = sha256();
        try (InputStream in = new DigestInputStream(Files.newInputStream(blob), sha)) {
            SafeUntar.extract(in, dir, layer.budget());
            in.transferTo(OutputStream.nullOutputStream());
        } catch (SafeUntar.UnsafeEntryException e) {
            throw TwoliterException.badInput("layer '" + digest + "' of kit " + kit + " is unsafe: " + e.getMessage()
                    + "; nothing was installed. The kit image is broken or malicious: tell its publisher");
        } catch (UnpackLimits.LimitExceededException e) {
            throw TwoliterException.badInput("layer '" + digest + "' of kit " + kit + ", read from '" + blob
                    + "': the kit " + e.getMessage() + "; nothing was installed");
        }
        Digest actual = new Digest(HexFormat.of().formatHex(sha.digest()));
        if (!actual.equals(digest)) {
            if (blob.startsWith(base.resolve("cache"))) {
                Files.deleteIfExists(blob);
            }
            throw TwoliterException.badInput("layer '" + digest + "' of kit " + kit + " read from '" + blob
                    + "' has digest '" + actual + "'; the copy is corrupt or was tampered with, nothing was"
                    + " installed. Run 'twoliter fetch' again, or rebuild the kit if it is a local override");
        }
    }

    private static void swap(Path fresh, Path target) throws IOException {
        Path old = null;
        if (Files.exists(target)) {
            old = Files.createTempDirectory(target.getParent(), "." + target.getFileName() + ".old-");
            Files.delete(old);
            move(target, old);
        }
        move(fresh, target);
        if (old != null) {
            LocalImageSource.deleteTree(old);
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }

    private static Optional<String> read(Path file) {
        try {
            return Files.isRegularFile(file) ? Optional.of(Files.readString(file, StandardCharsets.UTF_8))
                    : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static void write(Path file, String content) throws TwoliterException {
        try {
            AtomicFiles.write(file, content.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw failure("cannot write '" + file + "': " + e.getMessage(), e);
        }
    }

    private static TwoliterException failure(String message, Throwable cause) {
        return new TwoliterException(ErrorCategory.FAILURE, message, cause);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
