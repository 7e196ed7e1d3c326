package twoliter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;

/** Copies the repository's own sample project (the twoliter project at the repo root) into a test directory. */
public final class SampleProject {
    /** The repository root, seen from the module directory where tests run. */
    public static final Path REPO = Path.of("..").toAbsolutePath().normalize();
    private static final List<String> PARTS = List.of("Twoliter.toml", "Release.toml", "Cargo.toml", "packages",
            "kits", "variants", "sources", "sdk", "policies");

    private SampleProject() {
    }

    public static Path copyTo(Path target) {
        for (String part : PARTS) {
            copyTree(REPO.resolve(part), target.resolve(part));
        }
        return target;
    }

    public static void write(Path file, String content) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void copyTree(Path source, Path target) {
        try {
            Files.createDirectories(target.getParent());
            Files.walkFileTree(source, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                    Files.createDirectories(target.resolve(source.relativize(dir).toString()));
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.copy(file, target.resolve(source.relativize(file).toString()));
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
