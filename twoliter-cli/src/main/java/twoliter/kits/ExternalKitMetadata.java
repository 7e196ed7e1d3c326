package twoliter.kits;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import common.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import pubsys.tuf.CanonicalJson;
import twoliter.project.TwoliterLock.LockedImage;

/**
 * {@code build/external-kits/external-kit-metadata.json} (twoliter-cli.md §2.8, buildsys.md §2.4): canonical JSON
 * {@code {"kit":[LockedImage…],"sdk":LockedImage}}, which builds read for the external kits and the SDK identity
 * that kit labels record.
 */
public final class ExternalKitMetadata {
    public static final String FILE = "external-kit-metadata.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private ExternalKitMetadata() {
    }

    public static byte[] bytes(List<LockedImage> kits, LockedImage sdk) {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode array = root.putArray("kit");
        kits.forEach(kit -> array.add(node(kit)));
        root.set("sdk", node(sdk));
        return CanonicalJson.bytes(root);
    }

    private static ObjectNode node(LockedImage image) {
        ObjectNode node = JSON.createObjectNode();
        node.put("digest", image.digest()).put("name", image.name()).put("source", image.source())
                .put("vendor", image.vendor()).put("version", image.version());
        return node;
    }

    /**
     * Writes {@code content} atomically unless the file already holds exactly these bytes, so its modification
     * time only moves when the content does. Returns whether it wrote.
     */
    static boolean writeIfChanged(Path file, byte[] content) throws IOException {
        if (Files.isRegularFile(file) && Arrays.equals(Files.readAllBytes(file), content)) {
            return false;
        }
        AtomicFiles.write(file, content);
        return true;
    }
}
