package buildsys.exec;

import buildsys.plan.Action;
import buildsys.plan.InputFile;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import common.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Says why an action runs, by comparing its key fields with those of the last build of the same target in this
 * checkout (build/state/<arch>/<kind>/<name>.json): which input, value or dependency changed.
 */
final class Explainer {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path root;

    Explainer(Path root) {
        this.root = root;
    }

    String explain(Action action, String cacheReason) {
        Map<String, String> previous = read(action);
        if (previous == null) {
            return "not built before in this checkout (" + cacheReason + ")";
        }
        Map<String, String> current = fields(action);
        String previousKey = previous.remove("key");
        List<String> changes = new ArrayList<>();
        Set<String> names = new TreeSet<>(previous.keySet());
        names.addAll(current.keySet());
        for (String name : names) {
            String before = previous.get(name);
            String after = current.get(name);
            if (before == null) {
                changes.add(name + " added");
            } else if (after == null) {
                changes.add(name + " removed");
            } else if (!before.equals(after)) {
                changes.add(name + " changed");
            }
        }
        if (changes.isEmpty()) {
            return action.key().equals(previousKey)
                    ? "same key as the last build, but " + cacheReason : "the recipe or tool version changed";
        }
        int shown = Math.min(changes.size(), 5);
        return String.join(", ", changes.subList(0, shown)) + (changes.size() > shown ? ", and "
                + (changes.size() - shown) + " more" : "");
    }

    void record(Action action) throws IOException {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("key", action.key());
        fields.putAll(fields(action));
        AtomicFiles.write(file(action), JSON.writeValueAsBytes(fields));
    }

    private static Map<String, String> fields(Action action) {
        Map<String, String> fields = new TreeMap<>();
        action.env().forEach((k, v) -> fields.put("value " + k, v));
        for (InputFile input : action.inputs()) {
            fields.put("input " + input.path(), input.sha256() + (input.executable() ? "+x" : ""));
        }
        action.dependencies().forEach((id, key) -> fields.put(id.startsWith("sdk ") ? "the SDK" : "dependency "
                + id.substring(id.indexOf(' ') + 1, id.lastIndexOf(' ')), key));
        return fields;
    }

    private Map<String, String> read(Action action) {
        Path file = file(action);
        try {
            return Files.exists(file) ? new TreeMap<>(JSON.readValue(file.toFile(),
                    new TypeReference<Map<String, String>>() { })) : null;
        } catch (IOException e) {
            return null;
        }
    }

    private Path file(Action action) {
        return root.resolve("build/state").resolve(action.arch().id()).resolve(action.kind().id())
                .resolve(StepContext.fileName(action) + ".json");
    }
}
