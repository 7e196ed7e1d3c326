package pubsys.tuf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import common.TwoliterException;
import java.util.Objects;

/** A snapshot or timestamp {@code meta} entry: the version, length and sha256 of another metadata file. */
public record MetaInfo(long version, long length, String sha256) {
    public MetaInfo {
        Objects.requireNonNull(sha256);
    }

    static MetaInfo of(long version, byte[] fileBytes) {
        return new MetaInfo(version, fileBytes.length, TufJson.sha256Hex(fileBytes));
    }

    ObjectNode toJson() {
        ObjectNode n = TufJson.MAPPER.createObjectNode();
        n.put("length", length);
        n.putObject("hashes").put("sha256", sha256);
        n.put("version", version);
        return n;
    }

    static MetaInfo fromJson(JsonNode n, String file) throws TwoliterException {
        // TUF makes length and hashes optional; tough and this package always write them, and we require them.
        return new MetaInfo(JsonFields.number(n, "version", file), JsonFields.number(n, "length", file),
                JsonFields.text(JsonFields.object(n, "hashes", file), "sha256", file));
    }
}
