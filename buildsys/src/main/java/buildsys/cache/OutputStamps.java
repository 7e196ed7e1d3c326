package buildsys.cache;

import common.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;
import java.util.TreeMap;

/**
 * What each materialized output looked like right after it was written: its digest, size and modification time,
 * kept beside the manifest as {@code .twoliter-outputs[-<owner>].stamps}. A file whose digest is still the wanted
 * one and whose size and mtime are unchanged need not be copied again, so a cache hit touches nothing. Stamps only
 * ever save a copy; they never decide what an action's key is.
 */
final class OutputStamps {
    private final Map<String, String> stamps;

    private OutputStamps(Map<String, String> stamps) {
        this.stamps = stamps;
    }

    static Path path(Path manifest) {
        return manifest.resolveSibling(manifest.getFileName() + ".stamps");
    }

    static OutputStamps read(Path file) throws IOException {
        Map<String, String> stamps = new TreeMap<>();
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                int tab = line.indexOf('\t');
                if (tab > 0) {
                    stamps.put(line.substring(0, tab), line.substring(tab + 1));
                }
            }
        } catch (NoSuchFileException e) {
            // Nothing materialized here yet.
        } catch (IOException e) {
            // Unreadable stamps only cost copies.
        }
        return new OutputStamps(stamps);
    }

    static OutputStamps empty() {
        return new OutputStamps(new TreeMap<>());
    }

    /** True when {@code target} is exactly the output as this materializer last wrote it. */
    boolean isCurrent(OutputFile output, Path target) {
        String stamp = stamps.get(output.path());
        return stamp != null && stamp.equals(stamp(output, target));
    }

    void record(OutputFile output, Path target) {
        String stamp = stamp(output, target);
        if (stamp != null) {
            stamps.put(output.path(), stamp);
        }
    }

    void write(Path file) throws IOException {
        StringBuilder text = new StringBuilder();
        stamps.forEach((path, stamp) -> text.append(path).append('\t').append(stamp).append('\n'));
        AtomicFiles.write(file, text.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static String stamp(OutputFile output, Path target) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(target, BasicFileAttributes.class,
                    LinkOption.NOFOLLOW_LINKS);
            if (!attributes.isRegularFile() || attributes.size() != output.size()
                    || Files.isExecutable(target) != output.executable()) {
                return null;
            }
            return output.sha256() + "\t" + attributes.size() + "\t" + attributes.lastModifiedTime().toMillis();
        } catch (IOException e) {
            return null;
        }
    }
}
