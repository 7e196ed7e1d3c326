package pubsys.ami;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import common.ErrorCategory;
import common.TwoliterException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import pubsys.JsonInput;

/**
 * The expected-AMIs file of {@code validate-ami}: region to one image definition or a list of them, so an amis.json
 * is a valid input (pubsys.md §12).
 */
final class AmiValidationExpected {
    private static final ObjectMapper JSON = new ObjectMapper();

    private AmiValidationExpected() {
    }

    static Map<String, List<AmiValidationImageDef>> read(Path file) throws TwoliterException {
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8), "'" + file + "'");
        } catch (NoSuchFileException e) {
            throw TwoliterException.badInput("expected AMIs file '" + file + "' does not exist; pass an amis.json"
                    + " written by 'ami' or 'publish-ami'");
        } catch (IOException e) {
            throw new TwoliterException(ErrorCategory.FAILURE, "cannot read '" + file + "': " + e.getMessage());
        }
    }

    /** Regions in the file's order, each with its definitions in the file's order. */
    static Map<String, List<AmiValidationImageDef>> parse(String json, String where) throws TwoliterException {
        JsonNode root = JsonInput.object(json, where, "region -> image or list of images");
        Map<String, List<AmiValidationImageDef>> out = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> regions = root.fields();
        while (regions.hasNext()) {
            Map.Entry<String, JsonNode> e = regions.next();
            String in = where + ": region '" + e.getKey() + "'";
            List<AmiValidationImageDef> defs = new ArrayList<>();
            if (e.getValue().isArray()) {
                for (JsonNode n : e.getValue()) {
                    defs.add(AmiValidationImageDef.parse(n, in));
                }
            } else {
                defs.add(AmiValidationImageDef.parse(e.getValue(), in));
            }
            out.put(e.getKey(), List.copyOf(defs));
        }
        return out;
    }
}
