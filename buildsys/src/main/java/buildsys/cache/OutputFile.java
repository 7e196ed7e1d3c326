package buildsys.cache;

/**
 * A file an action produced: its path relative to the action's output root, the SHA-256 of its content (lowercase
 * hex), its size in bytes and whether it is executable. The path is checked here, so that no entry, however it was
 * written, can name a file outside the directory it is materialized into.
 */
public record OutputFile(String path, String sha256, long size, boolean executable) {
    public OutputFile {
        RelativePaths.check(path);
        Sha256.check(sha256, "sha256 of output '" + path + "'");
        if (size < 0) {
            throw new IllegalArgumentException("size of output '" + path + "' must not be negative, got " + size);
        }
    }
}
