package buildsys.container;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One container run.
 *
 * @param input the files copied to {@code /} before start
 * @param outputPath the directory in the container whose content is copied to {@code outputDir} after exit
 * @param network whether the container gets a network; package builds never do
 * @param logFile where stdout and stderr of the container go
 */
public record RunSpec(String image, List<String> command, Map<String, String> env, String user, boolean network,
                      TarInput input, String outputPath, Path outputDir, Path logFile, String description) {
    public RunSpec {
        Objects.requireNonNull(image);
        command = List.copyOf(command);
        env = Map.copyOf(env);
        Objects.requireNonNull(user);
        Objects.requireNonNull(input);
        Objects.requireNonNull(outputPath);
        Objects.requireNonNull(outputDir);
        Objects.requireNonNull(logFile);
        Objects.requireNonNull(description);
    }
}
