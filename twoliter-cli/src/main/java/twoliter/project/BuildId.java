package twoliter.project;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The build id stamped into RPM releases, kit and image names: {@code BUILDSYS_VERSION_BUILD} when set, else the short
 * commit of the project ({@code git describe --always --dirty --exclude '*'}), else {@code 00000000}, as upstream.
 */
public final class BuildId {
    static final String FALLBACK = "00000000";

    private BuildId() {
    }

    public static String detect(Path projectRoot, Map<String, String> env) {
        return fromEnvOrGit(projectRoot, env, "BUILDSYS_VERSION_BUILD", FALLBACK,
                "git", "describe", "--always", "--dirty", "--exclude", "*");
    }

    /**
     * The commit time in Unix seconds ({@code git show -s --format=%ct HEAD}), {@code BUILDSYS_VERSION_BUILD_TIMESTAMP}
     * when set, else {@code 0000000000}, as upstream.
     */
    public static String timestamp(Path projectRoot, Map<String, String> env) {
        return fromEnvOrGit(projectRoot, env, "BUILDSYS_VERSION_BUILD_TIMESTAMP", "0000000000",
                "git", "show", "-s", "--format=%ct", "HEAD");
    }

    private static String fromEnvOrGit(Path projectRoot, Map<String, String> env, String variable, String fallback,
                                       String... command) {
        String configured = env.get(variable);
        if (configured != null && !configured.isBlank()) {
            return configured.strip();
        }
        try {
            Process git = new ProcessBuilder(command)
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
        return fallback;
    }
}
