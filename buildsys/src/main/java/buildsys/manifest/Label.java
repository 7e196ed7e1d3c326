package buildsys.manifest;

import java.util.Objects;

/**
 * The name of a build target: {@code //} followed by the directory of its Cargo.toml relative to the project root,
 * e.g. {@code //packages/glibc}, {@code //kits/core-kit}, {@code //variants/aws-dev}.
 */
public record Label(String dir) implements Comparable<Label> {
    public Label {
        Objects.requireNonNull(dir);
        if (dir.isEmpty() || dir.startsWith("/") || dir.endsWith("/") || dir.contains("//")) {
            throw new IllegalArgumentException("label directory must be relative and normalized: '" + dir + "'");
        }
    }

    /** Parses {@code //a/b}; the caller has validated the syntax. */
    public static Label parse(String text) {
        if (!text.startsWith("//")) {
            throw new IllegalArgumentException("not a label: " + text);
        }
        return new Label(text.substring(2));
    }

    /** The last path segment: the package, kit or variant directory name. */
    public String name() {
        int slash = dir.lastIndexOf('/');
        return slash < 0 ? dir : dir.substring(slash + 1);
    }

    @Override
    public int compareTo(Label other) {
        return dir.compareTo(other.dir);
    }

    @Override
    public String toString() {
        return "//" + dir;
    }
}
