package buildsys.exec;

import java.nio.file.Path;

/**
 * One output file of a finished dependency, where it was materialized.
 *
 * @param name the dependency's package or kit name
 * @param path the output's path relative to the dependency's output directory
 */
record DependencyOutput(String name, String path, Path file) {
}
