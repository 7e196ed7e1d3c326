package buildsys.cache;

import java.util.Objects;

/** The answer of an action-cache lookup: a {@link Hit} with the recorded result, or a {@link Miss} saying why not. */
public sealed interface CacheResult {
    /** The action ran before with the same key; its outputs are all in the content store. */
    record Hit(ActionResult result) implements CacheResult {
        public Hit {
            Objects.requireNonNull(result);
        }
    }

    /**
     * The action must run. The reason is for people ({@code --explain}): {@code not cached},
     * {@code corrupt entry: <what>}, {@code output 'x.rpm' missing from the content store}.
     */
    record Miss(String reason) implements CacheResult {
        public Miss {
            Objects.requireNonNull(reason);
        }
    }
}
