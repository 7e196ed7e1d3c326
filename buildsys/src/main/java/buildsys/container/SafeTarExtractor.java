package buildsys.container;

import common.PathErrors;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.LinkOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Extracts a tar into a directory, refusing anything that would land outside it: absolute names, {@code ..}
 * segments, links of any kind and device files. Used for everything that comes out of containers and, later, kits.
 */
public final class SafeTarExtractor {
    private SafeTarExtractor() {
    }

    /**
     * Extracts {@code tar} into {@code target}, dropping the first {@code stripComponents} path segments of each
     * entry (docker's copy-out names entries after the copied directory).
     */
    public static void extract(InputStream tar, Path target, int stripComponents) throws IOException {
        Path root = target.toAbsolutePath().normalize();
        Files.createDirectories(root);
        TarArchiveInputStream in = new TarArchiveInputStream(tar);
        TarArchiveEntry entry;
        while ((entry = in.getNextEntry()) != null) {
            String name = strip(entry.getName(), stripComponents);
            if (name.isEmpty()) {
                continue;
            }
            if (name.startsWith("/") || name.contains("\\") || Arrays.asList(name.split("/")).contains("..")) {
                throw new IOException("archive entry '" + entry.getName() + "' would escape " + target);
            }
            Path destination = root.resolve(name).normalize();
            if (!destination.startsWith(root)) {
                throw new IOException("archive entry '" + entry.getName() + "' would escape " + target);
            }
            if (entry.isSymbolicLink() || entry.isLink() || entry.isCharacterDevice() || entry.isBlockDevice()
                    || entry.isFIFO()) {
                // Checked first: commons-compress reports links as files too.
                throw new IOException("archive entry '" + entry.getName() + "' is a link or special file, which"
                        + " build outputs may not contain");
            }
            if (entry.isDirectory()) {
                Files.createDirectories(destination);
            } else if (entry.isFile()) {
                Files.createDirectories(destination.getParent());
                copy(in, destination);
                if ((entry.getMode() & 0111) != 0) {
                    Set<PosixFilePermission> permissions = EnumSet.copyOf(Files.getPosixFilePermissions(destination));
                    permissions.add(PosixFilePermission.OWNER_EXECUTE);
                    Files.setPosixFilePermissions(destination, permissions);
                }
            } else {
                throw new IOException("archive entry '" + entry.getName() + "' is a link or special file, which"
                        + " build outputs may not contain");
            }
        }
    }

    /** As Files.copy with REPLACE_EXISTING, but a failed write names the file (a full disk names none). */
    private static void copy(InputStream in, Path destination) throws IOException {
        Files.deleteIfExists(destination);
        byte[] buffer = new byte[1 << 16];
        try (OutputStream out = Files.newOutputStream(destination, StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                try {
                    out.write(buffer, 0, n);
                } catch (IOException e) {
                    throw PathErrors.naming(destination, e);
                }
            }
        }
    }

    private static String strip(String name, int components) {
        String path = name;
        for (int i = 0; i < components; i++) {
            int slash = path.indexOf('/');
            path = slash < 0 ? "" : path.substring(slash + 1);
        }
        return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }
}
