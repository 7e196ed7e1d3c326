package twoliter.project;

import common.TwoliterException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Finds a project's Twoliter.toml and loads the project-level files beside it. */
public final class ProjectLoader {
    private ProjectLoader() {
    }

    /**
     * Locates Twoliter.toml: the given {@code --project-path} (the file, or a directory holding it), else the first
     * one found walking up from {@code workingDir}.
     */
    public static Path locate(Optional<Path> projectPath, Path workingDir) throws TwoliterException {
        if (projectPath.isPresent()) {
            Path given = workingDir.resolve(projectPath.get()).normalize();
            Path file = Files.isDirectory(given) ? given.resolve(TwoliterToml.FILE) : given;
            // Any other file would be parsed and reported as Twoliter.toml, naming the wrong file.
            if (Files.isRegularFile(file) && !file.getFileName().toString().equals(TwoliterToml.FILE)) {
                throw TwoliterException.badInput("--project-path '" + projectPath.get() + "' is a file, not a"
                        + " project directory or its " + TwoliterToml.FILE + "; pass the directory that holds "
                        + TwoliterToml.FILE + ", or that " + TwoliterToml.FILE + " itself");
            }
            if (!Files.isRegularFile(file)) {
                throw TwoliterException.badInput("--project-path '" + projectPath.get() + "' is not a Twoliter.toml"
                        + " file or a directory holding one");
            }
            return file.toAbsolutePath();
        }
        for (Path dir = workingDir.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(TwoliterToml.FILE);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw TwoliterException.badInput("no Twoliter.toml in '" + workingDir + "' or any parent directory; run"
                + " twoliter inside a project, or pass --project-path PATH/Twoliter.toml");
    }

    /** Loads Twoliter.toml and, when present, Twoliter.override, Twoliter.lock and Release.toml. */
    public static Project load(Path twoliterToml) throws TwoliterException {
        Path root = twoliterToml.toAbsolutePath().getParent();
        TwoliterToml config = TwoliterToml.read(twoliterToml);
        Path overrideFile = root.resolve(TwoliterOverride.FILE);
        TwoliterOverride override = Files.isRegularFile(overrideFile) ? TwoliterOverride.read(overrideFile)
                : TwoliterOverride.none();
        Path lockFile = root.resolve(TwoliterLock.FILE);
        Optional<TwoliterLock> lock = Files.isRegularFile(lockFile) ? Optional.of(TwoliterLock.read(lockFile))
                : Optional.empty();
        Path releaseFile = root.resolve(ReleaseToml.FILE);
        Optional<ReleaseToml> release = Optional.empty();
        if (Files.isRegularFile(releaseFile)) {
            ReleaseToml parsed = ReleaseToml.read(releaseFile);
            if (parsed.version().isPresent() && !parsed.version().get().equals(config.releaseVersion())) {
                throw TwoliterException.badInput("the version in Release.toml, '" + parsed.version().get()
                        + "', does not match release-version '" + config.releaseVersion() + "' in Twoliter.toml;"
                        + " make them equal");
            }
            release = Optional.of(parsed);
        }
        return new Project(root, config, override, lock, release);
    }
}
