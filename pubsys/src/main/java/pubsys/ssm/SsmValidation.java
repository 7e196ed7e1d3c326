package pubsys.ssm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import common.AtomicFiles;
import common.ErrorCategory;
import common.TwoliterException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The outcome of {@code validate-ssm}: a result per parameter, grouped by region (every region of the expected file,
 * even one without parameters), with the summary as a table or JSON and the results file (pubsys.md §12).
 */
public final class SsmValidation {
    private final SortedMap<String, List<ValidationResult>> byRegion;

    SsmValidation(SortedMap<String, List<ValidationResult>> byRegion) {
        SortedMap<String, List<ValidationResult>> copy = new TreeMap<>();
        byRegion.forEach((region, results) -> copy.put(region, results.stream()
                .sorted((a, b) -> a.key().compareTo(b.key())).toList()));
        this.byRegion = Collections.unmodifiableSortedMap(copy);
    }

    public SortedMap<String, List<ValidationResult>> byRegion() {
        return byRegion;
    }

    /** The results with one of {@code statuses} (all results when it is empty), by region and name. */
    public List<ValidationResult> results(Set<ValidationStatus> statuses) {
        Set<ValidationStatus> wanted = statuses.isEmpty() ? EnumSet.allOf(ValidationStatus.class)
                : EnumSet.copyOf(statuses);
        List<ValidationResult> out = new ArrayList<>();
        byRegion.values().forEach(list -> list.stream().filter(r -> wanted.contains(r.status())).forEach(out::add));
        return out;
    }

    /** How many results of each status each region has. */
    public SortedMap<String, Map<ValidationStatus, Integer>> summary() {
        SortedMap<String, Map<ValidationStatus, Integer>> out = new TreeMap<>();
        byRegion.forEach((region, results) -> {
            Map<ValidationStatus, Integer> counts = new EnumMap<>(ValidationStatus.class);
            for (ValidationStatus s : ValidationStatus.values()) {
                counts.put(s, 0);
            }
            results.forEach(r -> counts.merge(r.status(), 1, Integer::sum));
            out.put(region, Collections.unmodifiableMap(counts));
        });
        return Collections.unmodifiableSortedMap(out);
    }

    /** {@code --json}: {@code {"us-west-2": {"correct": 2, "incorrect": 0, ...}}}. */
    public String summaryJson() {
        ObjectNode root = ParameterFile.JSON.createObjectNode();
        summary().forEach((region, counts) -> {
            ObjectNode r = root.putObject(region);
            counts.forEach((status, n) -> r.put(key(status), n));
        });
        return pretty(root);
    }

    /** The default output: one row per region, a column per status. */
    public String summaryTable() {
        List<String> header = new ArrayList<>(List.of("region"));
        for (ValidationStatus s : ValidationStatus.values()) {
            header.add(key(s));
        }
        List<List<String>> rows = new ArrayList<>();
        rows.add(header);
        summary().forEach((region, counts) -> {
            List<String> row = new ArrayList<>(List.of(region));
            counts.values().forEach(n -> row.add(Integer.toString(n)));
            rows.add(row);
        });
        return AsciiTable.render(rows);
    }

    /** The results file: {@code [{name, expected_value, actual_value, region, status}]}, nulls where absent. */
    public String resultsJson(Set<ValidationStatus> statuses) {
        ArrayNode array = ParameterFile.JSON.createArrayNode();
        for (ValidationResult r : results(statuses)) {
            ObjectNode o = array.addObject();
            o.put("name", r.key().name());
            put(o, "expected_value", r.expected().orElse(null));
            put(o, "actual_value", r.actual().orElse(null));
            o.put("region", r.key().region());
            o.put("status", r.status().label());
        }
        return pretty(array);
    }

    /** Writes {@link #resultsJson} to {@code file} atomically. */
    public void writeResults(Path file, Set<ValidationStatus> statuses) throws TwoliterException {
        try {
            AtomicFiles.write(file, resultsJson(statuses).getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new TwoliterException(ErrorCategory.FAILURE, "cannot write validation results to '" + file + "': "
                    + e.getMessage());
        }
    }

    private static void put(ObjectNode o, String field, String value) {
        if (value == null) {
            o.putNull(field);
        } else {
            o.put(field, value);
        }
    }

    private static String key(ValidationStatus s) {
        return s.name().toLowerCase(Locale.ROOT);
    }

    private static String pretty(Object node) {
        try {
            return ParameterFile.PRETTY.writeValueAsString(node) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A table in tabled's default ASCII style, columns padded to their widest cell. */
    static final class AsciiTable {
        private AsciiTable() {
        }

        static String render(List<List<String>> rows) {
            int columns = rows.get(0).size();
            int[] width = new int[columns];
            rows.forEach(row -> {
                for (int c = 0; c < columns; c++) {
                    width[c] = Math.max(width[c], row.get(c).length());
                }
            });
            StringBuilder out = new StringBuilder();
            Runnable rule = () -> {
                for (int w : width) {
                    out.append('+').append("-".repeat(w + 2));
                }
                out.append("+\n");
            };
            rule.run();
            for (List<String> row : rows) {
                for (int c = 0; c < columns; c++) {
                    out.append("| ").append(row.get(c)).append(" ".repeat(width[c] - row.get(c).length() + 1));
                }
                out.append("|\n");
                rule.run();
            }
            return out.toString();
        }
    }
}
