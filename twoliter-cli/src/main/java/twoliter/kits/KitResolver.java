package twoliter.kits;

import com.fasterxml.jackson.databind.JsonNode;
import common.TwoliterException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import oci.Digest;
import twoliter.project.ImageRef;
import twoliter.project.Project;
import twoliter.project.TwoliterLock;
import twoliter.project.TwoliterLock.LockedImage;

/**
 * Resolves a project's kits and SDK into a lock (twoliter-cli.md §2.6): the kits of Twoliter.toml in order, then the
 * kits their labels name, one version per kit; then the single SDK that Twoliter.toml, the in-tree recipe and every
 * kit's label agree on.
 */
final class KitResolver {
    private final Project project;
    private final ImageSources sources;
    private final Consumer<KitEvent> events;

    KitResolver(Project project, ImageSources sources, Consumer<KitEvent> events) {
        this.project = Objects.requireNonNull(project);
        this.sources = Objects.requireNonNull(sources);
        this.events = Objects.requireNonNull(events);
    }

    /** A kit to resolve and who asked for it, for messages. */
    private record Wanted(ImageRef image, String by) {
    }

    TwoliterLock resolve() throws TwoliterException {
        Deque<Wanted> remaining = new ArrayDeque<>();
        for (ImageRef kit : project.config().kits()) {
            remaining.add(new Wanted(kit, "Twoliter.toml"));
        }
        SdkChoice sdks = new SdkChoice(project, sources, events);
        Map<String, Wanted> known = new HashMap<>();
        List<LockedImage> locked = new ArrayList<>();
        while (!remaining.isEmpty()) {
            Wanted wanted = remaining.poll();
            String key = wanted.image().name() + "@" + wanted.image().vendor();
            Wanted first = known.putIfAbsent(key, wanted);
            if (first != null) {
                if (!first.image().version().equals(wanted.image().version())) {
                    throw TwoliterException.badInput("cannot have multiple versions of the same kit: " + key
                            + " is wanted at version " + first.image().version() + " by " + first.by() + " and at "
                            + wanted.image().version() + " by " + wanted.by() + "; make them agree (change the"
                            + " version in Twoliter.toml, or use kits built against the same version)");
                }
                continue;
            }
            ProjectImage image = ProjectImage.of(project, wanted.image());
            if (image.overridden()) {
                events.accept(new KitEvent.Overridden(image));
            }
            Optional<ComposedKits.KitProject> kitProject = ComposedKits.open(image);
            if (kitProject.isPresent()) {
                locked.add(lockBuiltFromSource(image, kitProject.get(), remaining));
                continue;
            }
            KitMetadata metadata;
            String digest;
            try (ImageSource source = sources.open(image)) {
                byte[] top = source.topDocument();
                digest = LockDigest.of(top, source.location());
                metadata = metadata(source, ImageIndex.parse(top, source.location()), image);
            }
            LockedImage lockedKit = new LockedImage(image.image().name(), image.image().version(),
                    image.image().vendor(), image.sourceUri(), digest);
            locked.add(lockedKit);
            events.accept(new KitEvent.Resolved(lockedKit, false));
            sdks.wantedBy(metadata.sdk(), "kit " + image.image());
            for (ImageRef dependency : metadata.kits()) {
                checkVendor(dependency, image.image());
                remaining.add(new Wanted(dependency, "kit " + image.image()));
            }
        }
        LockedImage sdk = sdks.resolve();
        events.accept(new KitEvent.Resolved(sdk, true));
        return new TwoliterLock(sdk, locked);
    }

    /**
     * A kit that Twoliter.override points at its project's sources has no image yet: it is locked with the
     * {@link TwoliterLock#BUILT_FROM_SOURCE} marker for a digest, and the kits that project declares are wanted as
     * a label's would be. Its project's SDK is not: the whole build runs in this project's SDK.
     */
    private LockedImage lockBuiltFromSource(ProjectImage image, ComposedKits.KitProject source,
                                            Deque<Wanted> remaining) throws TwoliterException {
        ComposedKits.checkVersion(image.image(), source);
        ComposedKits.sdkWarning(project, image.image(), source)
                .ifPresent(warning -> events.accept(new KitEvent.Warning(warning)));
        LockedImage kit = new LockedImage(image.image().name(), image.image().version(), image.image().vendor(),
                image.sourceUri(), TwoliterLock.BUILT_FROM_SOURCE);
        events.accept(new KitEvent.Resolved(kit, false));
        for (ImageRef dependency : source.config().kits()) {
            checkVendor(dependency, image.image());
            remaining.add(new Wanted(dependency, "kit " + image.image()));
        }
        return kit;
    }

    private void checkVendor(ImageRef dependency, ImageRef kit) throws TwoliterException {
        if (!project.config().vendorRegistries().containsKey(dependency.vendor())) {
            throw TwoliterException.badInput("kit " + kit + " needs " + dependency + " from vendor '"
                    + dependency.vendor() + "', which Twoliter.toml does not declare; add [vendor."
                    + dependency.vendor() + "] with its registry");
        }
    }

    /** Reads the label of every image of the index; all must be the same (§2.6 step 3). */
    private static KitMetadata metadata(ImageSource source, ImageIndex index, ProjectImage image)
            throws TwoliterException {
        String label = null;
        for (ImageIndex.Entry entry : index.entries()) {
            String where = source.location() + "@" + entry.digest();
            JsonNode manifest = ImageIndex.json(source.manifest(entry.digest()), "manifest " + where);
            Digest configDigest = Digest.parse(manifest.path("config").path("digest").asText(null),
                    "the config digest of manifest " + where);
            JsonNode config = ImageIndex.json(source.blob(configDigest), "config of " + where);
            String own = label(config.path("config").path("Labels"), where);
            if (label != null && !label.equals(own)) {
                throw TwoliterException.badInput("the images of kit '" + source.location() + "' carry different "
                        + KitMetadata.LABEL + " labels (" + entry.arch() + " differs); publish all architectures"
                        + " of the kit from one build");
            }
            label = own;
        }
        KitMetadata metadata = KitMetadata.decode(label, "'" + source.location() + "'");
        if (!metadata.name().equals(image.image().name()) || !metadata.version().equals(image.image().version())) {
            throw TwoliterException.badInput("'" + source.location() + "' holds kit " + metadata.name() + " "
                    + metadata.version() + ", not " + image.image().name() + " " + image.image().version()
                    + "; check the kit's name and version in Twoliter.toml (and Twoliter.override)");
        }
        return metadata;
    }

    private static String label(JsonNode labels, String where) throws TwoliterException {
        JsonNode value = labels.get(KitMetadata.LABEL);
        if (value != null && value.isTextual()) {
            return value.textValue();
        }
        for (Iterator<String> it = labels.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (name.startsWith("dev.bottlerocket.kit.v")) {
                throw TwoliterException.badInput("image " + where + " was built with kit metadata version '"
                        + name.substring("dev.bottlerocket.kit.".length()) + "', possibly by another version of"
                        + " twoliter; this one reads '" + KitMetadata.LABEL + "'. Rebuild the kit with this twoliter");
            }
        }
        throw TwoliterException.badInput("image " + where + " has no " + KitMetadata.LABEL + " label; it"
                + " appears not to be a kit. Check the kit's name, version and vendor in Twoliter.toml");
    }
}
