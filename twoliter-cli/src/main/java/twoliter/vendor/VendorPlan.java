package twoliter.vendor;

import common.TwoliterException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * What {@code twoliter vendor} does with each wanted item, decided from VENDOR.toml and what the directory already
 * holds: skip it (ignored), keep it (pinned, or already there with the right digest), or copy it in.
 */
public record VendorPlan(List<Step> steps) {
    /** What happens to one item. */
    public enum Decision {
        /** Listed in {@code ignore}: not vendored. */
        IGNORED,
        /** Listed in {@code pin} and present with the wanted digest: never replaced or re-downloaded. */
        PINNED,
        /** Already present with the wanted digest: no work. */
        PRESENT,
        /** Missing or with another digest: copied in. */
        COPY
    }

    /** One item and its decision. */
    public record Step(VendorItem item, Decision decision) {
    }

    private static final int MAX_LISTED = 12;

    public VendorPlan {
        steps = List.copyOf(steps);
    }

    /**
     * Decides every wanted item.
     *
     * @param present the digest of each item already in the directory, by {@link VendorItem#key()}
     * @throws TwoliterException {@code BAD_INPUT} when a pinned item is missing or no longer has the wanted digest,
     *                           listing every such item, or when {@code pin} names no wanted item
     */
    public static VendorPlan decide(List<VendorItem> wanted, VendorConfig config, Map<String, String> present)
            throws TwoliterException {
        requirePinsKnown(wanted, config);
        List<Step> steps = new ArrayList<>();
        List<String> broken = new ArrayList<>();
        for (VendorItem item : wanted) {
            Optional<String> have = Optional.ofNullable(present.get(item.key()));
            if (config.ignores(item)) {
                steps.add(new Step(item, Decision.IGNORED));
            } else if (config.pins(item)) {
                if (have.isEmpty()) {
                    broken.add(item.kind().id() + " '" + item.name() + "' is pinned but not in the vendor directory");
                } else if (!have.get().equals(item.digest())) {
                    broken.add(item.kind() == VendorItem.Kind.FILE
                            // A damaged copy or a changed source: either way the bytes are not the wanted ones.
                            ? "file '" + item.name() + "' is pinned but does not match: hash mismatch: '"
                            + VendorItem.Kind.FILE.dir() + "/" + item.name() + "' has sha512 '" + shorten(have.get())
                            + "', expected '" + shorten(item.digest()) + "'"
                            : item.kind().id() + " '" + item.name() + "' is pinned with digest '"
                            + shorten(have.get()) + "' but the project now needs '" + shorten(item.digest()) + "'");
                } else {
                    steps.add(new Step(item, Decision.PINNED));
                }
            } else if (have.isPresent() && have.get().equals(item.digest())) {
                steps.add(new Step(item, Decision.PRESENT));
            } else {
                steps.add(new Step(item, Decision.COPY));
            }
        }
        if (!broken.isEmpty()) {
            throw TwoliterException.badInput(VendorConfig.FILE + ": " + String.join("; ", broken) + "; remove the"
                    + " name from 'pin' to let 'twoliter vendor' replace it, or restore the sources it was"
                    + " vendored from");
        }
        return new VendorPlan(steps);
    }

    /** A pin that names nothing the project vendors is a typo or a leftover: refused, not silently unused. */
    private static void requirePinsKnown(List<VendorItem> wanted, VendorConfig config) throws TwoliterException {
        SortedSet<String> names = new TreeSet<>();
        for (VendorItem item : wanted) {
            names.add(item.name());
            if (item.kind() == VendorItem.Kind.SDK) {
                names.add(VendorConfig.SDK_ALIAS);
            }
        }
        for (String pin : new TreeSet<>(config.pin())) {
            if (!names.contains(pin)) {
                throw TwoliterException.badInput(VendorConfig.FILE + ": 'pin' names '" + pin + "', which is not among"
                        + " the items vendored for these targets and arches; the names are those of external files, kits and '"
                        + VendorConfig.SDK_ALIAS + "' (here: " + listed(names) + "): fix the spelling or remove it"
                        + " from 'pin'");
            }
        }
    }

    private static String listed(SortedSet<String> names) {
        List<String> shown = names.stream().limit(MAX_LISTED).toList();
        return String.join(", ", shown) + (names.size() > MAX_LISTED ? ", … (" + (names.size() - MAX_LISTED)
                + " more)" : "");
    }

    /** The items to copy in. */
    public List<VendorItem> toCopy() {
        return steps.stream().filter(s -> s.decision() == Decision.COPY).map(Step::item).toList();
    }

    /** The items the directory holds once the copies are done (everything but the ignored ones). */
    public List<VendorItem> vendored() {
        return steps.stream().filter(s -> s.decision() != Decision.IGNORED).map(Step::item).toList();
    }

    private static String shorten(String digest) {
        return digest.length() > 20 ? digest.substring(0, 16) + "…" : digest;
    }
}
