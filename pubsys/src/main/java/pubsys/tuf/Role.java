package pubsys.tuf;

import java.util.Locale;

/** The four top-level TUF roles. */
public enum Role {
    ROOT, TARGETS, SNAPSHOT, TIMESTAMP;

    /** The name in JSON ({@code _type}, {@code roles} keys) and in file names. */
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
