package pubsys.ami;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import common.AtomicFiles;
import common.ErrorCategory;
import common.TwoliterException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import pubsys.aws.Ec2Arch;

/**
 * The snapshots a run created and has not yet handed to a registered image, kept in a small file beside amis.json
 * ({@code <ami-output>.pending}) so that a run killed half-way leaves a note: the next run deletes the listed
 * snapshots that no image uses. Every change rewrites the file atomically; an empty journal is no file.
 */
final class SnapshotJournal {
    /** A snapshot of ours in a region, made for the image named {@code amiName}. */
    record Entry(String region, String snapshotId, String amiName, Ec2Arch arch) {
        Entry {
            Objects.requireNonNull(region);
            Objects.requireNonNull(snapshotId);
            Objects.requireNonNull(amiName);
            Objects.requireNonNull(arch);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path file;

    SnapshotJournal(Path file) {
        this.file = Objects.requireNonNull(file);
    }

    /** The journal of the run writing {@code amiOutput}. */
    static SnapshotJournal beside(Path amiOutput) {
        return new SnapshotJournal(amiOutput.resolveSibling(amiOutput.getFileName() + ".pending"));
    }

    Path file() {
        return file;
    }

    synchronized List<Entry> read() throws TwoliterException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new TwoliterException(ErrorCategory.FAILURE, "cannot read '" + file + "': " + e.getMessage(), e);
        }
        List<Entry> entries = new ArrayList<>();
        try {
            JsonNode list = JSON.readTree(new String(bytes, StandardCharsets.UTF_8)).path("snapshots");
            for (JsonNode n : list) {
                for (String field : List.of("region", "id", "ami-name", "arch")) {
                    if (!n.path(field).isTextual()) {
                        throw new IOException("entry " + n + " has no '" + field + "'");
                    }
                }
                entries.add(new Entry(n.get("region").asText(), n.get("id").asText(), n.get("ami-name").asText(),
                        Ec2Arch.parse(n.get("arch").asText())));
            }
        } catch (IOException | TwoliterException e) {
            throw TwoliterException.badInput("snapshot journal '" + file + "' is damaged (" + e.getMessage() + ");"
                    + " delete any snapshot it names that no AMI uses, then delete the file");
        }
        return entries;
    }

    synchronized void add(Entry entry) throws TwoliterException {
        List<Entry> entries = new ArrayList<>(read());
        entries.add(entry);
        write(entries);
    }

    synchronized void remove(Collection<Entry> done) throws TwoliterException {
        List<Entry> entries = new ArrayList<>(read());
        entries.removeAll(done);
        write(entries);
    }

    private void write(List<Entry> entries) throws TwoliterException {
        try {
            if (entries.isEmpty()) {
                Files.deleteIfExists(file);
                return;
            }
            ObjectNode root = JSON.createObjectNode();
            ArrayNode list = root.putArray("snapshots");
            entries.forEach(e -> list.addObject().put("region", e.region()).put("id", e.snapshotId())
                    .put("ami-name", e.amiName()).put("arch", e.arch().ec2()));
            AtomicFiles.write(file, (JSON.writeValueAsString(root) + "\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new TwoliterException(ErrorCategory.FAILURE, "cannot write snapshot journal '" + file + "': "
                    + e.getMessage(), e);
        }
    }
}
