package twoliter.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/** What a CLI run sees of the outside world: its directory, environment variables and output streams. */
public record CliEnvironment(Path workingDir, Map<String, String> env, PrintStream out, PrintStream err) {
    public CliEnvironment {
        Objects.requireNonNull(workingDir);
        env = Map.copyOf(env);
        Objects.requireNonNull(out);
        Objects.requireNonNull(err);
    }

    public static CliEnvironment system() {
        return new CliEnvironment(Path.of("").toAbsolutePath(), System.getenv(), System.out, System.err);
    }
}
