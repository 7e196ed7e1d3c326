package common.toml;

import common.TwoliterException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.tomlj.TomlArray;
import org.tomlj.TomlPosition;
import org.tomlj.TomlTable;

/**
 * One table of a {@link TomlFile}, with typed accessors whose errors name the file, the line and column, and the full
 * key path ({@code packages/x/Cargo.toml:9:1: 'package.metadata.build-variant.image-format' must be a string, got
 * integer}).
 */
public final class TomlNode {
    // Keys of arrays of tables carry their index, e.g. kit[0].
    private static final Pattern BARE_KEY = Pattern.compile("[A-Za-z0-9_-]+(\\[\\d+])?");

    private final TomlFile file;
    private final TomlTable table;
    private final List<String> path;

    TomlNode(TomlFile file, TomlTable table, List<String> path) {
        this.file = file;
        this.table = table;
        this.path = List.copyOf(path);
    }

    public TomlFile file() {
        return file;
    }

    public Set<String> keys() {
        return table.keySet();
    }

    public boolean has(String key) {
        return table.get(List.of(key)) != null;
    }

    public boolean isTable(String key) {
        return table.get(List.of(key)) instanceof TomlTable;
    }

    public Optional<String> optString(String key) throws TwoliterException {
        return Optional.ofNullable(typed(key, String.class, "a string"));
    }

    public String string(String key) throws TwoliterException {
        return optString(key).orElseThrow(() -> missing(key, "a string"));
    }

    public Optional<Long> optLong(String key) throws TwoliterException {
        return Optional.ofNullable(typed(key, Long.class, "an integer"));
    }

    public long requireLong(String key) throws TwoliterException {
        return optLong(key).orElseThrow(() -> missing(key, "an integer"));
    }

    public Optional<Boolean> optBoolean(String key) throws TwoliterException {
        return Optional.ofNullable(typed(key, Boolean.class, "a boolean"));
    }

    public Optional<List<String>> optStringList(String key) throws TwoliterException {
        TomlArray array = typed(key, TomlArray.class, "an array of strings");
        if (array == null) {
            return Optional.empty();
        }
        List<String> values = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            Object item = array.get(i);
            if (!(item instanceof String s)) {
                throw error(key, "must be an array of strings, but item " + (i + 1) + " is " + describe(item));
            }
            values.add(s);
        }
        return Optional.of(List.copyOf(values));
    }

    public Optional<TomlNode> optTable(String key) throws TwoliterException {
        TomlTable child = typed(key, TomlTable.class, "a table");
        return Optional.ofNullable(child).map(t -> new TomlNode(file, t, append(key)));
    }

    /** The tables of an array of tables ({@code [[kit]]}); empty when the key is absent. */
    public List<TomlNode> tableArray(String key) throws TwoliterException {
        TomlArray array = typed(key, TomlArray.class, "an array of tables");
        if (array == null) {
            return List.of();
        }
        List<TomlNode> nodes = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            Object item = array.get(i);
            if (!(item instanceof TomlTable t)) {
                throw error(key, "must be an array of tables, but item " + (i + 1) + " is " + describe(item));
            }
            nodes.add(new TomlNode(file, t, append(key + "[" + i + "]")));
        }
        return List.copyOf(nodes);
    }

    /** The dotted key path of {@code key} below this table, as messages print it. */
    public String keyPath(String key) {
        List<String> parts = append(key);
        StringBuilder out = new StringBuilder();
        for (String part : parts) {
            if (out.length() > 0) {
                out.append('.');
            }
            out.append(BARE_KEY.matcher(part).matches() ? part : '"' + part + '"');
        }
        return out.toString();
    }

    /** An error about {@code key} of this table: {@code file:line:col: 'key.path' <problem>}. */
    public TwoliterException error(String key, String problem) {
        return TwoliterException.badInput(location(key) + ": '" + keyPath(key) + "' " + problem);
    }

    /** {@code file:line:col} of the key, or of this table when the key is absent, or just the file name. */
    public String location(String key) {
        TomlPosition position = key == null ? null : table.inputPositionOf(List.of(key));
        if (position == null && !path.isEmpty()) {
            position = table.inputPositionOf(List.of());
        }
        return position == null ? file.name() : file.name() + ":" + position.line() + ":" + position.column();
    }

    private TwoliterException missing(String key, String expected) {
        String where = path.isEmpty() ? file.name() : location(null);
        return TwoliterException.badInput(where + ": required key '" + keyPath(key) + "' is missing; add it as "
                + expected);
    }

    private <T> T typed(String key, Class<T> type, String expected) throws TwoliterException {
        Object value = table.get(List.of(key));
        if (value == null) {
            return null;
        }
        if (!type.isInstance(value)) {
            throw error(key, "must be " + expected + ", got " + describe(value));
        }
        return type.cast(value);
    }

    private List<String> append(String key) {
        List<String> parts = new ArrayList<>(path);
        parts.add(key);
        return parts;
    }

    private static String describe(Object value) {
        if (value instanceof String s) {
            return "the string '" + s + "'";
        }
        if (value instanceof Long || value instanceof Double) {
            return "the number " + value;
        }
        if (value instanceof Boolean b) {
            return "the boolean " + b;
        }
        if (value instanceof TomlArray) {
            return "an array";
        }
        if (value instanceof TomlTable) {
            return "a table";
        }
        return "a " + value.getClass().getSimpleName();
    }
}
