package twoliter.kits;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import common.TwoliterException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import pubsys.tuf.CanonicalJson;
import twoliter.project.Project;
import twoliter.project.TwoliterLock.LockedImage;

/**
 * The SDK built from a project's own {@code sdk/} recipe, as the lock and kit labels record it: a fixed identity
 * ({@code twoliter-sdk-0.0.0@in-tree}, source {@code sdk/}) and the recipe digest. Upstream has no such SDK; a kit
 * carrying it can only be consumed by a project that builds its own {@code sdk/} as well.
 */
public final class InTreeSdk {
    public static final String NAME = "twoliter-sdk";
    public static final String VERSION = "0.0.0";
    public static final String VENDOR = "in-tree";
    public static final String SOURCE = Project.IN_TREE_SDK_DIR + "/";
    private static final ObjectMapper JSON = new ObjectMapper();

    private InTreeSdk() {
    }

    /** Whether a label's or lock's SDK is the in-tree one (kits built before the source was recorded have none). */
    public static boolean isInTree(String name, Optional<String> source) {
        return NAME.equals(name) && source.map(SOURCE::equals).orElse(true);
    }

    public static boolean isInTree(LockedImage image) {
        return isInTree(image.name(), Optional.of(image.source()));
    }

    /** Whether the project builds its SDK from {@code sdk/} (it has no [sdk] and has the recipe). */
    public static boolean usedBy(Project project) {
        return project.config().sdk().isEmpty()
                && Files.isRegularFile(project.root().resolve(Project.IN_TREE_SDK_DIR).resolve("Dockerfile"));
    }

    /** The lock entry of the project's in-tree SDK, with its current recipe digest. */
    public static LockedImage locked(Path projectRoot) throws TwoliterException {
        return new LockedImage(NAME, VERSION, VENDOR, SOURCE, recipeDigest(projectRoot));
    }

    /**
     * The recipe digest: base64 of the sha256 of the canonical JSON object mapping every regular file under
     * {@code sdk/} (hidden ones included, path relative to {@code sdk/}) to {@code {"executable":…,"sha256":…}}.
     */
    public static String recipeDigest(Path projectRoot) throws TwoliterException {
        Path dir = projectRoot.resolve(Project.IN_TREE_SDK_DIR);
        ObjectNode files = JSON.createObjectNode();
        try (Stream<Path> walk = Files.walk(dir)) {
            List<Path> regular = walk.filter(Files::isRegularFile).sorted().toList();
            for (Path file : regular) {
                String relative = dir.relativize(file).toString().replace('\\', '/');
                files.putObject(relative).put("executable", Files.isExecutable(file))
                        .put("sha256", HexFormat.of().formatHex(LockDigest.sha256(Files.readAllBytes(file))));
            }
        } catch (IOException e) {
            throw TwoliterException.badInput("cannot read the SDK recipe '" + dir + "': " + e.getMessage());
        }
        return Base64.getEncoder().encodeToString(LockDigest.sha256(CanonicalJson.bytes(files)));
    }
}
