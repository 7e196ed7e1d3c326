package twoliter.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import twoliter.SampleProject;

/**
 * A machine-wide action cache holding the sample's third-party packages (the kernel, compiled from source, the
 * userspace repackaged from Debian, and hello-go with its Go module bundle, the one action that downloads) for both
 * arches, copied into each integration test's private cache, so that ten test classes do not compile Linux ten times
 * or ask the Go module proxy ten times.
 *
 * <p>This is safe to keep between runs for the reason any twoliter cache is: an entry is only found under its action
 * key, which covers the package's spec and files, the SDK image and the recipe, so a changed package simply misses and
 * is built. The seed is brought up to date once per test JVM by a real build of those packages (a no-op when nothing
 * changed). Objects are hard-linked: cache files are written once, by atomic moves, and never changed in place.
 */
final class SeedCache {
    static final Path DIR = Path.of(System.getProperty("user.home"), ".cache", "twoliter-ci", "it-seed");
    /**
     * The packages whose cold build is minutes long or needs the network; the sample's other packages are built by
     * each test as before.
     */
    static final List<String> PACKAGES = List.of("kernel-6.1", "glibc", "coreutils", "util-linux", "kmod", "systemd",
            "xfsprogs", "bash", "hello-go");
    private static boolean current;

    private SeedCache() {
    }

    /** Fills {@code cache} (which must not exist yet) with the seed, building the seed first if this JVM has not. */
    static synchronized void copyInto(Path cache) {
        if (Files.exists(cache)) {
            return;
        }
        try {
            if (!current) {
                build();
                current = true;
            }
            linkTree(DIR.resolve("ac"), cache.resolve("ac"));
            linkTree(DIR.resolve("cas"), cache.resolve("cas"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void build() throws IOException, InterruptedException {
        Path project = Files.createTempDirectory("twoliter-seed-");
        try {
            SampleProject.copyTo(project);
            for (String arch : List.of("x86_64", "aarch64")) {
                List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin",
                        "java").toString(), "-jar", Twoliter.JAR.toString(), "build", "package"));
                command.addAll(PACKAGES);
                command.addAll(List.of("--arch", arch));
                ProcessBuilder builder = new ProcessBuilder(command).directory(project.toFile())
                        .redirectErrorStream(true);
                builder.environment().put("TWOLITER_CACHE_DIR", DIR.toString());
                Process process = builder.start();
                String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (!process.waitFor(60, TimeUnit.MINUTES) || process.exitValue() != 0) {
                    process.destroyForcibly();
                    throw new AssertionError("building the seed cache (" + arch + ") failed:\n" + output);
                }
                System.out.println("seed cache " + DIR + " (" + arch + "): "
                        + output.lines().filter(l -> l.startsWith("twoliter: ") || l.contains("executed"))
                                .reduce((a, b) -> a + "; " + b).orElse("up to date"));
            }
        } finally {
            deleteTree(project);
        }
    }

    /** {@code cp -al}: hard links of every file, in new directories. */
    private static void linkTree(Path source, Path target) throws IOException, InterruptedException {
        Files.createDirectories(target.getParent());
        if (!Files.isDirectory(source)) {
            Files.createDirectories(target);
            return;
        }
        Process cp = new ProcessBuilder("cp", "-al", source.toString(), target.toString()).redirectErrorStream(true)
                .start();
        String output = new String(cp.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (cp.waitFor() != 0) {
            throw new IOException("cp -al " + source + " " + target + " failed: " + output);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (var paths = Files.walk(root)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
