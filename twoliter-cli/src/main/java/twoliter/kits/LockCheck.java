package twoliter.kits;

import common.TwoliterException;
import java.util.Optional;
import twoliter.project.ImageRef;
import twoliter.project.Project;
import twoliter.project.TwoliterLock;
import twoliter.project.TwoliterLock.LockedImage;

/**
 * Checks, without a registry, that Twoliter.lock still describes Twoliter.toml: every declared kit locked at its
 * version and source, and the declared SDK (or the in-tree one) as the lock's SDK. Changes in the registries are
 * caught by {@code fetch}, which compares each index with its lock digest.
 */
final class LockCheck {
    private LockCheck() {
    }

    static TwoliterLock requireLock(Project project) throws TwoliterException {
        return project.lock().orElseThrow(() -> TwoliterException.badInput(TwoliterLock.FILE + " does not exist in '"
                + project.root() + "'; run 'twoliter update' first"));
    }

    static void check(Project project, TwoliterLock lock) throws TwoliterException {
        for (ImageRef kit : project.config().kits()) {
            Optional<LockedImage> locked = lock.kits().stream()
                    .filter(k -> k.name().equals(kit.name()) && k.vendor().equals(kit.vendor())).findFirst();
            if (locked.isEmpty()) {
                throw stale("kit " + kit + " is not in it");
            }
            String source = ProjectImage.of(project, kit).sourceUri();
            if (!locked.get().version().equals(kit.version()) || !locked.get().source().equals(source)) {
                throw stale("it locks " + locked.get() + " where Twoliter.toml wants " + kit + " from '" + source
                        + "'");
            }
        }
        LockedImage sdk = lock.sdk();
        if (project.config().sdk().isPresent()) {
            ImageRef wanted = project.config().sdk().get();
            String source = ProjectImage.of(project, wanted).sourceUri();
            if (!sdk.image().equals(wanted) || !sdk.source().equals(source)) {
                throw stale("it locks SDK " + sdk + " where Twoliter.toml wants " + wanted + " from '" + source
                        + "'");
            }
        } else if (InTreeSdk.usedBy(project) && !InTreeSdk.isInTree(sdk)) {
            throw stale("it locks SDK " + sdk + " but this project builds its SDK from sdk/");
        }
    }

    private static TwoliterException stale(String detail) {
        return TwoliterException.badInput(TwoliterLock.FILE + " does not match Twoliter.toml: " + detail
                + "; run 'twoliter update'");
    }
}
