package pubsys.ami;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import common.AtomicFiles;
import common.ErrorCategory;
import common.TwoliterException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Everything {@code validate-ami} found: one result per expected AMI, a summary per region for the CLI's table,
 * and the JSON renderings of {@code --json} and {@code --write-results-path}.
 */
public record AmiValidationResults(List<String> regions, List<AmiValidationResult> results) {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public AmiValidationResults {
        regions = List.copyOf(regions);
        results = List.copyOf(results);
    }

    /** One region's row: how many expected AMIs have each status. */
    public record Counts(int correct, int incorrect, int missing, int unreachable) {
        static final Counts NONE = new Counts(0, 0, 0, 0);

        Counts plus(AmiValidationStatus status) {
            return switch (status) {
                case CORRECT -> new Counts(correct + 1, incorrect, missing, unreachable);
                case INCORRECT -> new Counts(correct, incorrect + 1, missing, unreachable);
                case MISSING -> new Counts(correct, incorrect, missing + 1, unreachable);
                case UNREACHABLE -> new Counts(correct, incorrect, missing, unreachable + 1);
            };
        }

        public int total() {
            return correct + incorrect + missing + unreachable;
        }
    }

    /**
     * Counts per region, every region of the expected file included, sorted by name. QUIRK (pubsys.md §12):
     * upstream adds Unreachable results to {@code missing} and always reports {@code unreachable} 0; we count them
     * in their own column, which is what the column promises.
     */
    public SortedMap<String, Counts> summary() {
        SortedMap<String, Counts> out = new TreeMap<>();
        regions.forEach(r -> out.put(r, Counts.NONE));
        for (AmiValidationResult r : results) {
            out.put(r.region(), out.getOrDefault(r.region(), Counts.NONE).plus(r.status()));
        }
        return Collections.unmodifiableSortedMap(out);
    }

    /** Whether every expected AMI is {@link AmiValidationStatus#CORRECT}. */
    public boolean allCorrect() {
        return results.stream().allMatch(r -> r.status() == AmiValidationStatus.CORRECT);
    }

    /** The results with one of {@code statuses}; all of them when {@code statuses} is empty. */
    public List<AmiValidationResult> withStatus(Set<AmiValidationStatus> statuses) {
        return results.stream().filter(r -> statuses.isEmpty() || statuses.contains(r.status())).toList();
    }

    /** {@code --json}: {@code {"us-west-2": {"correct": 1, "incorrect": 0, "missing": 0, "unreachable": 0}}}. */
    public String renderSummaryJson() {
        ObjectNode root = JSON.createObjectNode();
        summary().forEach((region, c) -> root.putObject(region).put("correct", c.correct())
                .put("incorrect", c.incorrect()).put("missing", c.missing()).put("unreachable", c.unreachable()));
        return pretty(root);
    }

    /** The {@code --write-results-path} file: {@code [{id, expected_image_def, actual_image_def, region, status}]}. */
    public String renderResults(Set<AmiValidationStatus> statuses) {
        ArrayNode list = JSON.createArrayNode();
        withStatus(statuses).forEach(r -> list.add(r.toJson()));
        return pretty(list);
    }

    /** Writes {@link #renderResults} to {@code file} atomically. */
    public void writeResults(Path file, Set<AmiValidationStatus> statuses) throws TwoliterException {
        try {
            AtomicFiles.write(file, renderResults(statuses).getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new TwoliterException(ErrorCategory.FAILURE, "cannot write validation results to '" + file + "': "
                    + e.getMessage());
        }
    }

    private static String pretty(Object node) {
        try {
            return JSON.writeValueAsString(node) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
