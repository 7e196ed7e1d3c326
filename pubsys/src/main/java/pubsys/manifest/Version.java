package pubsys.manifest;

import common.Semver;
import common.TwoliterException;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/** A strict semantic version as manifest.json and Release.toml carry it, ordered by semver precedence. */
public record Version(long major, long minor, long patch, List<String> preRelease, String build)
        implements Comparable<Version> {
    private static final Comparator<Version> ORDER = Comparator.comparingLong(Version::major)
            .thenComparingLong(Version::minor)
            .thenComparingLong(Version::patch)
            .thenComparing(Version::preRelease, Version::comparePreRelease)
            // Build metadata has no precedence in semver; like Rust's semver crate it only breaks ties.
            .thenComparing(Version::build);

    public Version {
        if (major < 0 || minor < 0 || patch < 0) {
            throw new IllegalArgumentException("version numbers must not be negative");
        }
        preRelease = List.copyOf(preRelease);
        Objects.requireNonNull(build, "build");
    }

    /** Parses {@code MAJOR.MINOR.PATCH[-PRE][+BUILD]}; no leading {@code v}. */
    public static Version parse(String text) throws TwoliterException {
        if (text == null || !Semver.isValid(text)) {
            throw TwoliterException.badInput("'" + text + "' is not a semantic version; expected something like"
                    + " '1.20.0' (no leading 'v')");
        }
        int plus = text.indexOf('+');
        String build = plus < 0 ? "" : text.substring(plus + 1);
        String core = plus < 0 ? text : text.substring(0, plus);
        int dash = core.indexOf('-');
        List<String> pre = dash < 0 ? List.of() : List.of(core.substring(dash + 1).split("\\."));
        String[] numbers = (dash < 0 ? core : core.substring(0, dash)).split("\\.");
        try {
            return new Version(Long.parseLong(numbers[0]), Long.parseLong(numbers[1]), Long.parseLong(numbers[2]),
                    pre, build);
        } catch (NumberFormatException e) {
            throw TwoliterException.badInput("'" + text + "' has a version number too large for 64 bits");
        }
    }

    @Override
    public int compareTo(Version other) {
        return ORDER.compare(this, other);
    }

    @Override
    public String toString() {
        String text = major + "." + minor + "." + patch;
        if (!preRelease.isEmpty()) {
            text += "-" + String.join(".", preRelease);
        }
        return build.isEmpty() ? text : text + "+" + build;
    }

    // semver.org §11: a release outranks its pre-releases; identifiers compare numerically when both are numeric,
    // numeric ones rank below alphanumeric ones, and a longer list wins when one is a prefix of the other.
    private static int comparePreRelease(List<String> a, List<String> b) {
        if (a.isEmpty() || b.isEmpty()) {
            return Boolean.compare(a.isEmpty(), b.isEmpty());
        }
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            int c = compareIdentifier(a.get(i), b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    }

    private static int compareIdentifier(String a, String b) {
        boolean aNumeric = a.chars().allMatch(Character::isDigit);
        boolean bNumeric = b.chars().allMatch(Character::isDigit);
        if (aNumeric && bNumeric) {
            return a.length() != b.length() ? Integer.compare(a.length(), b.length()) : a.compareTo(b);
        }
        if (aNumeric != bNumeric) {
            return aNumeric ? -1 : 1;
        }
        return a.compareTo(b);
    }
}
