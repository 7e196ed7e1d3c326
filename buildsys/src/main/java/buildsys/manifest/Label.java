package buildsys.manifest;

import java.util.Comparator;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The name of a build target: {@code //} followed by the directory of its Cargo.toml relative to the project root,
 * e.g. {@code //packages/glibc}, {@code //kits/core-kit}, {@code //variants/aws-dev}. A target of another project
 * composed into the build (a kit that Twoliter.override points at that project's sources) carries that project's
 * repository name first, as Bazel writes external repositories: {@code @bottlerocket-core-kit//packages/release}.
 *
 * @param repository the repository name, {@link #MAIN} ("") for the project being built
 */
public record Label(String repository, String dir) implements Comparable<Label> {
    /** The repository of the project being built. */
    public static final String MAIN = "";
    private static final Pattern REPOSITORY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
    private static final Comparator<Label> ORDER = Comparator.comparing(Label::repository)
            .thenComparing(Label::dir);

    public Label {
        Objects.requireNonNull(repository);
        Objects.requireNonNull(dir);
        if (!repository.isEmpty() && !isRepositoryName(repository)) {
            throw new IllegalArgumentException("repository name must be letters, digits, '.', '_' and '-': '"
                    + repository + "'");
        }
        if (dir.isEmpty() || dir.startsWith("/") || dir.endsWith("/") || dir.contains("//")) {
            throw new IllegalArgumentException("label directory must be relative and normalized: '" + dir + "'");
        }
    }

    /** A target of the main project. */
    public Label(String dir) {
        this(MAIN, dir);
    }

    public static boolean isRepositoryName(String name) {
        return REPOSITORY.matcher(name).matches();
    }

    /** Parses {@code //a/b} or {@code @repo//a/b}; the caller has validated the syntax. */
    public static Label parse(String text) {
        String repository = MAIN;
        String rest = text;
        if (text.startsWith("@")) {
            int slashes = text.indexOf("//");
            if (slashes < 0) {
                throw new IllegalArgumentException("not a label: " + text);
            }
            repository = text.substring(1, slashes);
            rest = text.substring(slashes);
        }
        if (!rest.startsWith("//")) {
            throw new IllegalArgumentException("not a label: " + text);
        }
        return new Label(repository, rest.substring(2));
    }

    public boolean isMain() {
        return repository.isEmpty();
    }

    /** The last path segment: the package, kit or variant directory name. */
    public String name() {
        int slash = dir.lastIndexOf('/');
        return slash < 0 ? dir : dir.substring(slash + 1);
    }

    /** The main project's targets first, then each composed repository's, each by directory. */
    @Override
    public int compareTo(Label other) {
        return ORDER.compare(this, other);
    }

    @Override
    public String toString() {
        return (isMain() ? "" : "@" + repository) + "//" + dir;
    }
}
