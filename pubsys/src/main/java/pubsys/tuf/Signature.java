package pubsys.tuf;

import java.util.Objects;

/** One entry of a metadata file's {@code signatures}: the signing key id and the hex signature. */
public record Signature(String keyid, String sig) {
    public Signature {
        Objects.requireNonNull(keyid);
        Objects.requireNonNull(sig);
    }
}
