package pubsys.ssm;

import common.TwoliterException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import pubsys.PublishLog;
import pubsys.aws.Parallel;
import pubsys.aws.Sleeper;

/**
 * Refuses to point a public-namespace parameter ({@code /aws/...}) at a private image (pubsys.md §12): everyone can
 * read those parameters, and an image they cannot launch would break them. DescribeImages at most 20 a second, on up
 * to eight threads, as upstream.
 */
final class PublicNamespaceCheck {
    private record Image(String region, String id) implements Comparable<Image> {
        @Override
        public int compareTo(Image o) {
            int c = region.compareTo(o.region);
            return c != 0 ? c : id.compareTo(o.id);
        }
    }

    private final ImageVisibility visibility;
    private final Clock clock;
    private final Sleeper sleeper;
    private final PublishLog log;

    PublicNamespaceCheck(ImageVisibility visibility, Clock clock, Sleeper sleeper, PublishLog log) {
        this.visibility = visibility;
        this.clock = clock;
        this.sleeper = sleeper;
        this.log = log;
    }

    /** Fails unless every image that a public-namespace parameter of {@code rendered} points to is public. */
    void requirePublic(SortedMap<SsmKey, Rendering.ImageParameter> rendered) throws TwoliterException {
        SortedMap<Image, List<String>> byImage = byImage(rendered);
        if (byImage.isEmpty()) {
            return;
        }
        RateLimiter limit = new RateLimiter(20, 20, clock, sleeper);
        List<Image> images = List.copyOf(byImage.keySet());
        int threads = Math.min(Runtime.getRuntime().availableProcessors(), 8);
        List<Optional<Boolean>> visible = Parallel.map(images, threads, image -> {
            limit.acquire();
            return visibility.isPublic(image.region(), image.id());
        });
        boolean refused = false;
        for (int i = 0; i < images.size(); i++) {
            Image image = images.get(i);
            if (visible.get(i).orElse(false)) {
                continue;
            }
            refused = true;
            String state = visible.get(i).isPresent() ? "is private" : "does not exist";
            log.error("Image " + image.id() + " in " + image.region() + " " + state + ", but these parameters in the"
                    + " public namespace would point to it: " + String.join(", ", byImage.get(image)));
        }
        if (refused) {
            throw TwoliterException.badInput("Cowardly refusing to publish private image to public namespace without"
                    + " ALLOW_PRIVATE_IMAGES; make the images public first (publish-ami --grant --group-names all)"
                    + " or pass --allow-private-images");
        }
    }

    /** The DescribeImages calls {@link #requirePublic} would make, for dry runs. */
    static List<PlannedCall> plan(SortedMap<SsmKey, Rendering.ImageParameter> rendered) {
        List<PlannedCall> calls = new ArrayList<>();
        for (Image image : byImage(rendered).keySet()) {
            calls.add(new PlannedCall("ec2", image.region(), "DescribeImages", List.of(image.id())));
        }
        return calls;
    }

    /** The images that public-namespace parameters point to, with those parameters' names. */
    private static SortedMap<Image, List<String>> byImage(SortedMap<SsmKey, Rendering.ImageParameter> rendered) {
        SortedMap<Image, List<String>> out = new TreeMap<>();
        rendered.forEach((key, p) -> {
            if (key.isPublicNamespace()) {
                out.computeIfAbsent(new Image(key.region(), p.imageId()), k -> new ArrayList<>()).add(key.name());
            }
        });
        return out;
    }
}
