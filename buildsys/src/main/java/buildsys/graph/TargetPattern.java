package buildsys.graph;

import buildsys.manifest.Label;
import java.util.Objects;

/**
 * A target pattern after parsing, Bazel style: one target ({@code //packages/glibc}), every target at or beneath a
 * directory ({@code //packages/...}, {@code //...}), or the target of exactly one directory
 * ({@code //kits/core-kit:all}). A pattern written with a leading {@code -} excludes what it matches. Patterns match
 * in one repository: the main project's, or a composed one's when written {@code @repo//...}.
 */
public sealed interface TargetPattern {
    /** The pattern as the user wrote it, for messages. */
    String text();

    boolean negative();

    boolean matches(Label label);

    /** The repository the pattern selects in, {@link Label#MAIN} for the project being built. */
    String repository();

    /** {@code //dir}: exactly that target. */
    record Single(String text, boolean negative, Label label) implements TargetPattern {
        public Single {
            Objects.requireNonNull(label);
        }

        @Override
        public boolean matches(Label candidate) {
            return label.equals(candidate);
        }

        @Override
        public String repository() {
            return label.repository();
        }
    }

    /** {@code //dir/...}: every target at or beneath dir; an empty dir is the whole project (or repository). */
    record Beneath(String text, boolean negative, String repository, String dir) implements TargetPattern {
        public Beneath {
            Objects.requireNonNull(repository);
        }

        @Override
        public boolean matches(Label candidate) {
            return candidate.repository().equals(repository)
                    && (dir.isEmpty() || candidate.dir().equals(dir) || candidate.dir().startsWith(dir + "/"));
        }
    }

    /** {@code //dir:all}: the targets whose manifest is in exactly that directory. */
    record InDirectory(String text, boolean negative, String repository, String dir) implements TargetPattern {
        public InDirectory {
            Objects.requireNonNull(repository);
        }

        @Override
        public boolean matches(Label candidate) {
            return candidate.repository().equals(repository) && candidate.dir().equals(dir);
        }
    }
}
