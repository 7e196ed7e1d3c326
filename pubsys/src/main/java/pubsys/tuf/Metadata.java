package pubsys.tuf;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/** The {@code signed} part of a top-level TUF metadata file. */
public sealed interface Metadata permits Root, Targets, Snapshot, Timestamp {
    Role role();

    long version();

    Instant expires();

    /** The JSON tree of this {@code signed} object, field names as in pubsys.md §4.2. */
    ObjectNode toJson();
}
