package twoliter.kits;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Unpacks a tar (plain or gzip) into a directory without letting any entry write outside it: absolute names,
 * {@code ..} segments, links that are absolute or climb with {@code ..}, writes through a link that leads out, and
 * device or fifo entries are refused. Unlike buildsys' extractor for build outputs, links pointing down are kept.
 */
final class SafeUntar {
    private static final Set<PosixFilePermission> OWNER_RW =
            EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

    private SafeUntar() {
    }

    /** Thrown for an entry that would escape or is not allowed; {@code entry} is its name in the archive. */
    static final class UnsafeEntryException extends IOException {
        private static final long serialVersionUID = 1L;

        UnsafeEntryException(String entry, String problem) {
            super("entry '" + entry + "' " + problem);
        }
    }

    /**
     * Unpacks {@code raw} into {@code target}, counting entries and written bytes against {@code budget}, which may
     * span several archives (the layers of one kit).
     */
    static void extract(InputStream raw, Path target, UnpackLimits.Budget budget) throws IOException {
        Path root = Files.createDirectories(target).toRealPath();
        InputStream in = gunzipIfNeeded(raw);
        TarArchiveInputStream tar = new TarArchiveInputStream(in);
        for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
            String name = entry.getName();
            budget.entry(name);
            Path destination = inside(root, name, name);
            if (destination.equals(root)) {
                continue;
            }
            if (destination.getFileName().toString().startsWith(".wh.")) {
                throw new UnsafeEntryException(name, "is an OCI whiteout; kit layers are plain tars that only add"
                        + " files");
            }
            // commons-compress calls devices and fifos files (isFile() is true for any type it does not know as a
            // directory), so they are refused before anything is created for them.
            Optional<String> special = special(entry);
            if (special.isPresent()) {
                throw new UnsafeEntryException(name, "is " + special.get() + "; kits may hold only files,"
                        + " directories and links");
            }
            Path parent = Files.createDirectories(destination.getParent());
            if (!parent.toRealPath().startsWith(root)) {
                throw new UnsafeEntryException(name, "would be written through a link that leads outside the kit"
                        + " directory");
            }
            if (entry.isDirectory()) {
                if (Files.isSymbolicLink(destination)) {
                    throw new UnsafeEntryException(name, "is a directory where a link was unpacked before");
                }
                Files.createDirectories(destination);
            } else if (entry.isSymbolicLink()) {
                String link = entry.getLinkName();
                if (link.startsWith("/")) {
                    throw new UnsafeEntryException(name, "is a link to the absolute path '" + link + "'");
                }
                // A '..' in a link can climb through another link (d -> '.', l -> 'd/..') where a lexical check
                // sees no escape; with only descending links every link provably stays inside.
                if (link.isEmpty() || java.util.Arrays.asList(link.split("/")).contains("..")) {
                    throw new UnsafeEntryException(name, "is a link to '" + link + "'; links in a kit may only point"
                            + " down into the kit directory, without '..'");
                }
                Files.deleteIfExists(destination);
                Files.createSymbolicLink(destination, Path.of(link));
            } else if (entry.isLink()) {
                Path source = inside(root, entry.getLinkName(), name);
                if (!Files.isRegularFile(source, LinkOption.NOFOLLOW_LINKS)) {
                    throw new UnsafeEntryException(name, "is a hard link to '" + entry.getLinkName()
                            + "', which is not a file unpacked before it");
                }
                budget.write(name, Files.size(source));
                Files.copy(source, destination, StandardCopyOption.REPLACE_EXISTING);
            } else if (entry.isFile()) {
                copy(tar, destination, name, budget);
                permissions(destination, entry.getMode());
            } else {
                throw new UnsafeEntryException(name, "is a special file of tar type '" + (char) entry.getLinkFlag()
                        + "'; kits may hold only files, directories and links");
            }
        }
    }

    /** Copies the entry's data, counting each chunk before it is written: the header's size is not trusted. */
    private static void copy(InputStream tar, Path destination, String name, UnpackLimits.Budget budget)
            throws IOException {
        byte[] buffer = new byte[1 << 16];
        // As Files.copy with REPLACE_EXISTING: an earlier entry of that name (a link too) is replaced, not followed.
        Files.deleteIfExists(destination);
        try (OutputStream out = Files.newOutputStream(destination, StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
            for (int n = tar.read(buffer); n >= 0; n = tar.read(buffer)) {
                budget.write(name, n);
                out.write(buffer, 0, n);
            }
        }
    }

    /** What the entry is when it is neither a file, a directory nor a link (tar types 3, 4, 6 and unknown ones). */
    private static Optional<String> special(TarArchiveEntry entry) {
        if (entry.isCharacterDevice()) {
            return Optional.of("a character device");
        }
        if (entry.isBlockDevice()) {
            return Optional.of("a block device");
        }
        if (entry.isFIFO()) {
            return Optional.of("a fifo");
        }
        if (entry.isDirectory() || entry.isSymbolicLink() || entry.isLink()
                || regular(entry.getLinkFlag())) {
            return Optional.empty();
        }
        return Optional.of("a special file of tar type '" + (char) entry.getLinkFlag() + "'");
    }

    /** '0', the pre-POSIX NUL, '7' (contiguous, read as '0') and GNU sparse (which commons-compress expands). */
    private static boolean regular(byte type) {
        return type == TarArchiveEntry.LF_NORMAL || type == TarArchiveEntry.LF_OLDNORM
                || type == TarArchiveEntry.LF_CONTIG || type == TarArchiveEntry.LF_GNUTYPE_SPARSE;
    }

    private static Path inside(Path root, String name, String entry) throws UnsafeEntryException {
        if (name.startsWith("/") || name.contains("\\")) {
            throw new UnsafeEntryException(entry, "has an absolute or Windows path");
        }
        for (String segment : name.split("/")) {
            if (segment.equals("..")) {
                throw new UnsafeEntryException(entry, "has a '..' segment and would escape the kit directory");
            }
        }
        Path destination = root.resolve(name).normalize();
        if (!destination.startsWith(root)) {
            throw new UnsafeEntryException(entry, "would escape the kit directory");
        }
        return destination;
    }

    private static void permissions(Path file, int mode) throws IOException {
        Set<PosixFilePermission> permissions = EnumSet.copyOf(OWNER_RW);
        PosixFilePermission[] bits = PosixFilePermission.values();
        // PosixFilePermission is declared from OWNER_READ (0400) down to OTHERS_EXECUTE (0001).
        for (int i = 0; i < bits.length; i++) {
            if ((mode & (0400 >> i)) != 0) {
                permissions.add(bits[i]);
            }
        }
        Files.setPosixFilePermissions(file, permissions);
    }

    private static InputStream gunzipIfNeeded(InputStream raw) throws IOException {
        BufferedInputStream in = new BufferedInputStream(raw);
        in.mark(2);
        int first = in.read();
        int second = in.read();
        in.reset();
        return first == 0x1f && second == 0x8b ? new GZIPInputStream(in) : in;
    }
}
