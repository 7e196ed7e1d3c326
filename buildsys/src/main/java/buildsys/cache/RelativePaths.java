package buildsys.cache;

import java.util.Objects;

/**
 * Checks output paths: relative, '/'-separated, normalized (no empty, '.' or '..' segments) and free of backslashes
 * and control characters. An entry read from a shared cache is untrusted input; this keeps it inside its directory.
 */
final class RelativePaths {
    private RelativePaths() {
    }

    static String check(String path) {
        Objects.requireNonNull(path, "output path");
        if (!isValid(path)) {
            throw new IllegalArgumentException("output path '" + path + "' must be relative and normalized, "
                    + "without '..', '.', empty segments, backslashes or control characters");
        }
        return path;
    }

    static boolean isValid(String path) {
        if (path.isEmpty() || path.startsWith("/") || path.endsWith("/")) {
            return false;
        }
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c < 0x20 || c == 0x7f || c == '\\') {
                return false;
            }
        }
        for (String segment : path.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                return false;
            }
        }
        return true;
    }
}
