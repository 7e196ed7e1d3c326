package common;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** "Did you mean" suggestions for names the user mistyped. */
public final class Names {
    private Names() {
    }

    /** The candidate closest to {@code typed}, if it is close enough to be a plausible typo. */
    public static Optional<String> closest(String typed, Collection<String> candidates) {
        return nearest(typed, candidates, 1).stream().findFirst();
    }

    /**
     * Up to {@code max} distinct candidates close enough to {@code typed} to be plausible typos, nearest first (ties
     * by name).
     */
    public static List<String> nearest(String typed, Collection<String> candidates, int max) {
        int limit = Math.max(2, typed.length() / 3);
        return candidates.stream().distinct()
                .map(c -> new Scored(c, distance(typed, c)))
                .filter(s -> s.distance <= limit)
                .sorted(Comparator.comparingInt(Scored::distance).thenComparing(Scored::name))
                .limit(max)
                .map(Scored::name)
                .toList();
    }

    /**
     * {@code "<message>; did you mean 'x'? <next>"} when a candidate is close to {@code typed}, else
     * {@code "<message>. <next>"}. {@code next} is a sentence telling the user what to do.
     */
    public static String withHint(String message, String typed, Collection<String> candidates, String next) {
        return closest(typed, candidates).map(c -> message + "; did you mean '" + c + "'? " + next)
                .orElse(message + ". " + next);
    }

    private record Scored(String name, int distance) {
    }

    /** Levenshtein distance. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
