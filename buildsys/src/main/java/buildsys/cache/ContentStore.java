package buildsys.cache;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;

/**
 * The content-addressed store: files kept under the SHA-256 of their bytes at {@code <root>/cas/<2 hex>/<64 hex>},
 * shared by every checkout and process on the machine. Objects appear under their name only complete (temporary
 * file + atomic rename), so a reader never sees a partial one; their content is verified again when materialized.
 */
public final class ContentStore {
    private final Path casDir;

    public ContentStore(Path root) {
        this.casDir = root.toAbsolutePath().resolve("cas");
    }

    /**
     * Copies {@code file} into the store and describes it as the output {@code relativePath}. Idempotent, and safe
     * when several processes put the same content at once: each writes its own temporary file and the last rename
     * wins with identical bytes.
     */
    public OutputFile put(Path file, String relativePath) throws IOException {
        RelativePaths.check(relativePath);
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null,
                    "output '" + relativePath + "' is not a regular file, so it cannot be cached");
        }
        boolean executable = FileModes.isExecutable(file);
        // The name is known only once the bytes are hashed, so the temporary file lives in cas/ itself: the same
        // file system as cas/<2 hex>/, which keeps the rename atomic.
        Path temp = TempFiles.besides(casDir.resolve("put"));
        try {
            HashingCopy.Digest digest = HashingCopy.copy(file, temp);
            Path object = objectPath(digest.sha256());
            Files.createDirectories(object.getParent());
            TempFiles.moveAtomically(temp, object);
            return new OutputFile(relativePath, digest.sha256(), digest.size(), executable);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** Whether an object with this digest and size is present (its bytes are verified when materialized). */
    public boolean contains(String sha256, long size) {
        return sizeOf(sha256) == size;
    }

    /**
     * Copies the object of {@code file} to {@code target} atomically (temporary file beside the target, then a
     * rename), with the executable bit of {@code file}, checking the digest on the way. An object whose bytes do
     * not match its name is deleted and reported; so is one that has vanished.
     */
    public void materialize(OutputFile file, Path target) throws IOException, CorruptObjectException {
        Path object = objectPath(file.sha256());
        Path temp = TempFiles.besides(target);
        try {
            HashingCopy.Digest actual;
            try {
                actual = HashingCopy.copy(object, temp);
            } catch (NoSuchFileException e) {
                if (object.toString().equals(e.getFile())) {
                    throw CorruptObjectException.missing(file, object);
                }
                throw e;
            }
            boolean corrupt = !actual.sha256().equals(file.sha256());
            if (corrupt) {
                Files.deleteIfExists(object);
            }
            // A right object with a wrong size beside it means the entry is wrong: the object stays.
            if (corrupt || actual.size() != file.size()) {
                throw CorruptObjectException.mismatch(file, object, actual, corrupt);
            }
            FileModes.set(temp, file.executable());
            TempFiles.moveAtomically(temp, target);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** Deletes temporary files left in the store by processes that died more than a day ago; returns how many. */
    public int removeStaleTempFiles(Clock clock) throws IOException {
        return TempFiles.removeStale(casDir, clock.instant());
    }

    /** The size of the object, or -1 if it is absent. */
    long sizeOf(String sha256) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(objectPath(sha256), BasicFileAttributes.class);
            return attributes.isRegularFile() ? attributes.size() : -1;
        } catch (IOException e) {
            return -1;
        }
    }

    void remove(String sha256) throws IOException {
        Files.deleteIfExists(objectPath(sha256));
    }

    Path objectPath(String sha256) {
        Sha256.check(sha256, "content store object name");
        return casDir.resolve(sha256.substring(0, 2)).resolve(sha256);
    }
}
