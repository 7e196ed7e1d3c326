package twoliter.kits;

import common.Arch;
import java.nio.file.Path;
import twoliter.project.TwoliterLock.LockedImage;

/** What resolving and fetching kits reports; the CLI decides how each looks. */
public sealed interface KitEvent {
    /** An image is read from somewhere else than its vendor's registry, by Twoliter.override. */
    record Overridden(ProjectImage image) implements KitEvent {
    }

    /** {@code update} locked an image. */
    record Resolved(LockedImage image, boolean sdk) implements KitEvent {
    }

    /** {@code update} wrote Twoliter.lock ({@code changed} false: it already held these bytes). */
    record LockWritten(Path file, boolean changed) implements KitEvent {
    }

    /** {@code fetch} unpacked a kit for an architecture. */
    record Fetched(LockedImage kit, Arch arch, Path dir) implements KitEvent {
    }

    /** {@code fetch} found the kit already unpacked for the locked digest. */
    record UpToDate(LockedImage kit, Arch arch, Path dir) implements KitEvent {
    }

    /** {@code fetch} skipped a kit that builds make from the sources of {@code project} (Twoliter.override). */
    record BuiltFromSource(LockedImage kit, Path project) implements KitEvent {
    }

    /** {@code fetch} wrote external-kit-metadata.json ({@code changed} false: same bytes, left alone). */
    record MetadataWritten(Path file, boolean changed) implements KitEvent {
    }

    /** Something works but deserves attention. */
    record Warning(String message) implements KitEvent {
    }
}
