package twoliter.project;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The build id stamped into kit and image names: {@code BUILDSYS_VERSION_BUILD} when set, else the short commit
 * of the project ({@code git describe --always --dirty --exclude '*'}), else {@code 00000000}, as upstream.
 */
public final class BuildId {
    static final String FALLBACK = "00000000";

    private BuildId() {
    }

    public static String detect(Path projectRoot, Map<String, String> env) {
        String configured = env.get("BUILDSYS_VERSION_BUILD");
        if (configured != null && !configured.isBlank()) {
            return configured.strip();
        }
        try {
            Process git = new ProcessBuilder("git", "describe", "--always", "--dirty", "--exclude", "*")
                    .directory(projectRoot.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String out = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (git.waitFor(10, TimeUnit.SECONDS) && git.exitValue() == 0 && !out.isEmpty()) {
                return out;
            }
        } catch (IOException e) {
            // No git on this machine: fall through to the fixed id, as upstream's Makefile does.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return FALLBACK;
    }
}
