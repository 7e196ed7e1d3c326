package buildsys.container;

import common.TwoliterException;
import java.nio.file.Path;

/**
 * The container engine as the build needs it: images by tag, image builds from a recipe directory, and one-shot
 * containers whose inputs are copied in as a tar stream and whose outputs are copied out (never bind mounts, so a
 * remote daemon works and host and container paths never need to agree).
 */
public interface ContainerRuntime extends AutoCloseable {
    /** The image id for a tag, if the engine has it. */
    java.util.Optional<String> imageId(String image) throws TwoliterException;

    void pull(String image) throws TwoliterException;

    /** Writes an image to a {@code docker save} archive, atomically. */
    void save(String image, Path archive) throws TwoliterException;

    /** Loads the images of a {@code docker save} archive. */
    void load(Path archive) throws TwoliterException;

    /** Builds {@code contextDir}'s Dockerfile as {@code tag} with host networking (for package managers); logs go to the file. */
    String build(Path contextDir, String tag, Path logFile) throws TwoliterException;

    /** Runs a container to completion and copies its output directory out. */
    RunResult run(RunSpec spec) throws TwoliterException;

    /**
     * Removes containers left behind by twoliter processes proven gone (after a kill -9), and leaves every other
     * container alone: on a shared engine, other users' builds are live. Returns one line per twoliter container
     * seen, saying what was done and why, for the debug log.
     */
    java.util.List<String> removeOrphans() throws TwoliterException;

    @Override
    void close();
}
