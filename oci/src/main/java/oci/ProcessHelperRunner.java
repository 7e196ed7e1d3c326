package oci;

import common.ErrorCategory;
import common.TwoliterException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Runs {@code docker-credential-<name> get} with the server URL on stdin, as the Docker CLI does. */
final class ProcessHelperRunner implements DockerCredentials.HelperRunner {
    @Override
    public Optional<String> get(String helper, String serverUrl) throws TwoliterException {
        String program = "docker-credential-" + helper;
        try {
            Process process = new ProcessBuilder(List.of(program, "get")).redirectErrorStream(true).start();
            try (OutputStream in = process.getOutputStream()) {
                in.write(serverUrl.getBytes(StandardCharsets.UTF_8));
            }
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new TwoliterException(ErrorCategory.FAILURE, "'" + program + " get' did not answer within 60s");
            }
            if (process.exitValue() != 0) {
                // Helpers exit non-zero with "credentials not found in native keychain" for unknown servers.
                if (out.toLowerCase(java.util.Locale.ROOT).contains("not found")) {
                    return Optional.empty();
                }
                throw new TwoliterException(ErrorCategory.FAILURE, "'" + program + " get' for '" + serverUrl
                        + "' failed with exit code " + process.exitValue() + ": " + out.trim());
            }
            return Optional.of(out);
        } catch (IOException e) {
            throw new TwoliterException(ErrorCategory.FAILURE, "cannot run credential helper '" + program
                    + "' named in the Docker config: " + e.getMessage() + "; install it or remove it from config.json", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TwoliterException(ErrorCategory.FAILURE, "interrupted while running '" + program + "'", e);
        }
    }
}
