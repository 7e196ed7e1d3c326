package pubsys.ssm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ObjectNode;
import common.AtomicFiles;
import common.ErrorCategory;
import common.TwoliterException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import pubsys.JsonInput;

/**
 * The rendered-parameters file: {@code {"<region>": {"<name>": "<value>"}}} (pubsys.md §12, S5). {@code ssm} and
 * {@code promote-ssm} write it with {@code --ssm-parameter-output}; {@code validate-ssm} reads it as the expected
 * parameters. Regions and names are written sorted, so the same parameters always give the same bytes.
 */
public final class ParameterFile {
    static final ObjectMapper JSON = new ObjectMapper();
    // Two-space indent, one array item a line, "key": "value" and {}: what serde_json's pretty printer writes.
    static final ObjectWriter PRETTY = JSON.writer(new DefaultPrettyPrinter()
            .withObjectIndenter(new DefaultIndenter("  ", "\n"))
            .withArrayIndenter(new DefaultIndenter("  ", "\n"))
            .withSeparators(Separators.createDefaultInstance()
                    .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                    .withObjectEmptySeparator("").withArrayEmptySeparator("")));

    private ParameterFile() {
    }

    public static String render(Map<SsmKey, String> parameters) {
        ObjectNode root = JSON.createObjectNode();
        for (Map.Entry<SsmKey, String> e : new TreeMap<>(parameters).entrySet()) {
            ObjectNode region = root.has(e.getKey().region()) ? (ObjectNode) root.get(e.getKey().region())
                    : root.putObject(e.getKey().region());
            region.put(e.getKey().name(), e.getValue());
        }
        try {
            return PRETTY.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes {@code parameters} to {@code file} atomically. */
    public static void write(Path file, Map<SsmKey, String> parameters) throws TwoliterException {
        try {
            AtomicFiles.write(file, render(parameters).getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new TwoliterException(ErrorCategory.FAILURE, "cannot write SSM parameters to '" + file + "': "
                    + e.getMessage());
        }
    }

    public static SortedMap<SsmKey, String> read(Path file) throws TwoliterException {
        return flatten(readByRegion(file));
    }

    /** The file by region, keeping regions without parameters (validate-ssm reports them too). */
    static SortedMap<String, SortedMap<String, String>> readByRegion(Path file) throws TwoliterException {
        try {
            return parseByRegion(Files.readString(file), file.toString());
        } catch (NoSuchFileException e) {
            throw TwoliterException.badInput("SSM parameter file '" + file + "' does not exist; write it with"
                    + " 'ssm --ssm-parameter-output' or check the path");
        } catch (IOException e) {
            throw new TwoliterException(ErrorCategory.FAILURE, "cannot read '" + file + "': " + e.getMessage());
        }
    }

    /** The parameters of {@code file}, or none when it does not exist (promote-ssm's merge). */
    static SortedMap<SsmKey, String> readIfExists(Path file) throws TwoliterException {
        return Files.exists(file) ? read(file) : new TreeMap<>();
    }

    static SortedMap<SsmKey, String> parse(String json, String where) throws TwoliterException {
        return flatten(parseByRegion(json, where));
    }

    static SortedMap<String, SortedMap<String, String>> parseByRegion(String json, String where)
            throws TwoliterException {
        JsonNode root = JsonInput.object(json, where, "region -> {parameter name -> value}");
        SortedMap<String, SortedMap<String, String>> out = new TreeMap<>();
        for (Map.Entry<String, JsonNode> region : root.properties()) {
            if (!region.getValue().isObject()) {
                throw TwoliterException.badInput(where + ": region '" + region.getKey() + "' must map parameter"
                        + " names to values, got " + region.getValue());
            }
            SortedMap<String, String> values = out.computeIfAbsent(region.getKey(), r -> new TreeMap<>());
            for (Map.Entry<String, JsonNode> p : region.getValue().properties()) {
                if (!p.getValue().isTextual()) {
                    throw TwoliterException.badInput(where + ": parameter '" + p.getKey() + "' in region '"
                            + region.getKey() + "' must have a string value, got " + p.getValue());
                }
                values.put(p.getKey(), p.getValue().asText());
            }
        }
        return out;
    }

    private static SortedMap<SsmKey, String> flatten(SortedMap<String, SortedMap<String, String>> byRegion) {
        SortedMap<SsmKey, String> out = new TreeMap<>();
        byRegion.forEach((region, values) -> values.forEach((name, value) -> out.put(new SsmKey(region, name),
                value)));
        return out;
    }
}
