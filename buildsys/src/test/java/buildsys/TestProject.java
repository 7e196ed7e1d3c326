package buildsys;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/** Writes small projects in upstream's layout into a test directory. */
public final class TestProject {
    private final Path root;

    public TestProject(Path root) {
        this.root = root;
    }

    public Path root() {
        return root;
    }

    public TestProject file(String path, String content) {
        try {
            Path file = root.resolve(path);
            Files.createDirectories(file.getParent());
            Files.writeString(file, content);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A root Cargo.toml whose workspace members are the usual globs. */
    public TestProject workspace() {
        return file("Cargo.toml", "[workspace]\nmembers = [\"packages/*\", \"kits/*\", \"variants/*\"]\n");
    }

    /** A package with a spec, and the given extra Cargo.toml text (metadata keys, dependency tables). */
    public TestProject pkg(String name, String metadata, String dependencies) {
        file("packages/" + name + "/Cargo.toml", "[package]\nname = \"" + name + "\"\nversion = \"0.1.0\"\n\n"
                + "[package.metadata.build-package]\n" + metadata + "\n" + dependencies + "\n");
        return file("packages/" + name + "/" + name + ".spec", "Name: %{_cross_os}" + name + "\nVersion: 1.0\n");
    }

    public TestProject kit(String name, String dependencies) {
        return file("kits/" + name + "/Cargo.toml", "[package]\nname = \"" + name + "\"\nversion = \"0.1.0\"\n\n"
                + "[package.metadata.build-kit]\nvendor = \"local\"\n\n" + dependencies + "\n");
    }

    public TestProject variant(String name, String metadata, String dependencies) {
        return file("variants/" + name + "/Cargo.toml", "[package]\nname = \"" + name + "\"\nversion = \"0.1.0\"\n\n"
                + "[package.metadata.build-variant]\n" + metadata + "\n\n" + dependencies + "\n");
    }

    /** A fixture file's text, from src/test/resources. */
    public static String read(String resource) {
        try {
            return Files.readString(Path.of("src/test/resources", resource));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Copies a fixture project from src/test/resources/projects. */
    public static TestProject copyOf(String fixture, Path target) {
        Path source = Path.of("src/test/resources/projects", fixture);
        copyTree(source, target);
        return new TestProject(target);
    }

    public static void copyTree(Path source, Path target) {
        try {
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
