package twoliter.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs the packaged CLI (target/twoliter.jar) as a user would, in its own process, with a private cache that starts
 * from the {@link SeedCache}.
 */
final class Twoliter {
    static final Path JAR = Path.of("target/twoliter.jar").toAbsolutePath();
    private static final Pattern FIELD = Pattern.compile("\"(planned|executed|cached|failed)\":(\\d+)");

    private final Path project;
    private final Path cache;
    private final String lookaside;
    private final Map<String, String> env = new LinkedHashMap<>();
    private int runs;

    Twoliter(Path project, Path cache) {
        // No lookaside by default: external files come from the package directories.
        this(project, cache, "http://127.0.0.1:9");
    }

    Twoliter(Path project, Path cache, String lookaside) {
        // A new cache starts with the kernel and the Debian userspace already built (SeedCache says why).
        SeedCache.copyInto(cache);
        this.project = project;
        this.cache = cache;
        this.lookaside = lookaside;
    }

    /** Adds environment variables to every later run (e.g. an AWS emulator's endpoint and credentials). */
    Twoliter withEnv(Map<String, String> more) {
        env.putAll(more);
        return this;
    }

    /** The outcome of one run: exit code, merged output and the events file. */
    record Result(int exitCode, String output, List<String> events) {
        Map<String, Long> summary() {
            Map<String, Long> summary = new LinkedHashMap<>();
            String last = events.isEmpty() ? "" : events.get(events.size() - 1);
            Matcher m = FIELD.matcher(last);
            while (m.find()) {
                summary.put(m.group(1), Long.parseLong(m.group(2)));
            }
            return summary;
        }

        List<String> executedTargets() {
            return events.stream().filter(e -> e.contains("\"status\":\"executed\""))
                    .map(e -> e.replaceAll(".*\"target\":\"([^\"]+)\".*", "$1")).toList();
        }
    }

    Process start(String... args) throws IOException {
        Path events = project.resolve("build/it-events-" + (++runs) + ".json");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-jar", JAR.toString()));
        command.addAll(List.of(args));
        if (args[0].equals("build")) {
            command.addAll(List.of("--events", events.toString()));
        }
        ProcessBuilder builder = new ProcessBuilder(command).directory(project.toFile()).redirectErrorStream(true);
        builder.environment().put("TWOLITER_CACHE_DIR", cache.toString());
        builder.environment().put("BUILDSYS_LOOKASIDE_CACHE", lookaside);
        builder.environment().putAll(env);
        return builder.start();
    }

    Result run(String... args) throws IOException, InterruptedException {
        Process process = start(args);
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(30, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("twoliter " + String.join(" ", args) + " did not finish:\n" + output);
        }
        Path events = project.resolve("build/it-events-" + runs + ".json");
        List<String> lines = Files.exists(events) ? Files.readAllLines(events) : List.of();
        return new Result(process.exitValue(), output, lines);
    }
}
