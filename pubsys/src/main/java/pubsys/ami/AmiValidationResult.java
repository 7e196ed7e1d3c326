package pubsys.ami;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;
import java.util.Optional;

/** One expected AMI of {@code validate-ami}, what EC2 reported for it (if anything) and the verdict. */
public record AmiValidationResult(String region, AmiValidationImageDef expected, Optional<AmiValidationImageDef> actual,
                                  AmiValidationStatus status) {
    public AmiValidationResult {
        Objects.requireNonNull(region);
        Objects.requireNonNull(expected);
        Objects.requireNonNull(actual);
        Objects.requireNonNull(status);
    }

    /** Upstream's results-file entry: {@code {id, expected_image_def, actual_image_def|null, region, status}}. */
    ObjectNode toJson() {
        ObjectNode n = JsonNodeFactory.instance.objectNode().put("id", expected.id());
        n.set("expected_image_def", expected.toJson());
        n.set("actual_image_def", actual.<JsonNode>map(AmiValidationImageDef::toJson)
                .orElse(JsonNodeFactory.instance.nullNode()));
        return n.put("region", region).put("status", status.label());
    }
}
