package buildsys.cache;

import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What an action produced: its output files, sorted by path, and small string facts about the run (for example
 * {@code sdkImageId}); the metadata may be empty.
 */
public record ActionResult(List<OutputFile> outputs, SortedMap<String, String> metadata) {
    public ActionResult {
        outputs = outputs.stream().sorted(Comparator.comparing(OutputFile::path)).toList();
        checkNoClashes(outputs);
        // Cast to Map: copy with natural ordering, whatever comparator the caller's map had.
        TreeMap<String, String> copy = new TreeMap<>((Map<String, String>) metadata);
        copy.forEach((key, value) -> Objects.requireNonNull(value, () -> "metadata '" + key + "' has no value"));
        metadata = Collections.unmodifiableSortedMap(copy);
    }

    public ActionResult(List<OutputFile> outputs) {
        this(outputs, new TreeMap<>());
    }

    /** Two outputs may neither share a path nor have one be the directory of the other ({@code a} and {@code a/b}). */
    private static void checkNoClashes(List<OutputFile> outputs) {
        Set<String> paths = new HashSet<>();
        for (OutputFile output : outputs) {
            if (!paths.add(output.path())) {
                throw new IllegalArgumentException("output '" + output.path() + "' is listed twice");
            }
        }
        for (String path : paths) {
            for (int slash = path.indexOf('/'); slash > 0; slash = path.indexOf('/', slash + 1)) {
                if (paths.contains(path.substring(0, slash))) {
                    throw new IllegalArgumentException("output '" + path.substring(0, slash)
                            + "' is a file, but output '" + path + "' needs it to be a directory");
                }
            }
        }
    }
}
