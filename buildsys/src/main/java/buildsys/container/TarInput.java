package buildsys.container;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.TreeMap;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Files to copy into a container, written as one tar stream. Entries are sorted, owned by root and dated at the
 * epoch, so the same inputs give the same bytes.
 */
public final class TarInput {
    private final TreeMap<String, Entry> entries = new TreeMap<>();

    private record Entry(Path file, byte[] content, int mode) {
    }

    /** Adds a host file at an absolute container path. */
    public TarInput file(String containerPath, Path file, boolean executable) {
        entries.put(relative(containerPath), new Entry(file, null, executable ? 0755 : 0644));
        return this;
    }

    public TarInput text(String containerPath, String content, boolean executable) {
        entries.put(relative(containerPath), new Entry(null, content.getBytes(StandardCharsets.UTF_8),
                executable ? 0755 : 0644));
        return this;
    }

    /** Adds an empty directory, so that the container sees it even with nothing in it. */
    public TarInput directory(String containerPath) {
        entries.put(relative(containerPath) + "/", new Entry(null, null, 0755));
        return this;
    }

    public List<String> paths() {
        return new ArrayList<>(entries.keySet());
    }

    /** Writes the tar, with parent directories before their contents. */
    public void writeTo(OutputStream out) throws IOException {
        TreeMap<String, Entry> all = new TreeMap<>(entries);
        for (String path : entries.keySet()) {
            for (int slash = path.indexOf('/'); slash > 0 && slash < path.length() - 1;
                 slash = path.indexOf('/', slash + 1)) {
                all.putIfAbsent(path.substring(0, slash + 1), new Entry(null, null, 0755));
            }
        }
        List<String> order = new ArrayList<>(all.keySet());
        order.sort(Comparator.naturalOrder());
        TarArchiveOutputStream tar = new TarArchiveOutputStream(out);
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        for (String path : order) {
            Entry entry = all.get(path);
            TarArchiveEntry header = new TarArchiveEntry(path);
            header.setMode((path.endsWith("/") ? TarArchiveEntry.DEFAULT_DIR_MODE & ~0777 : 0100000) | entry.mode());
            header.setModTime(0);
            header.setIds(0, 0);
            if (entry.content() != null) {
                header.setSize(entry.content().length);
                tar.putArchiveEntry(header);
                tar.write(entry.content());
            } else if (entry.file() != null) {
                header.setSize(Files.size(entry.file()));
                tar.putArchiveEntry(header);
                try (InputStream in = Files.newInputStream(entry.file())) {
                    in.transferTo(tar);
                }
            } else {
                tar.putArchiveEntry(header);
            }
            tar.closeArchiveEntry();
        }
        tar.finish();
        tar.flush();
    }

    private static String relative(String containerPath) {
        Objects.requireNonNull(containerPath);
        String path = containerPath.startsWith("/") ? containerPath.substring(1) : containerPath;
        if (path.isEmpty() || path.contains("//") || List.of(path.split("/")).contains("..")) {
            throw new IllegalArgumentException("bad container path: " + containerPath);
        }
        return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }
}
