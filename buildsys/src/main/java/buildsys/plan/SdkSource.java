package buildsys.plan;

import java.util.Objects;
import java.util.Optional;

/** Where the build toolchain image comes from. */
public sealed interface SdkSource {
    /** A recipe directory in the project ({@code sdk/} with a Dockerfile), built as the first action. */
    record InTree(String dir) implements SdkSource {
        public InTree {
            Objects.requireNonNull(dir);
        }
    }

    /** An image from a registry, named in Twoliter.toml; its lock digest pins the content when known. */
    record Registry(String uri, Optional<String> lockDigest) implements SdkSource {
        public Registry {
            Objects.requireNonNull(uri);
            Objects.requireNonNull(lockDigest);
        }
    }
}
