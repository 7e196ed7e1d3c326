package buildsys.fetch;

import buildsys.manifest.ExternalFile;
import java.nio.file.Path;
import java.util.Objects;

/**
 * One external file a package needs.
 *
 * @param packageLabel the package's label, for messages ({@code //packages/gnu-hello})
 * @param packageDir   the package's directory (absolute), where a file may already sit beside the spec
 * @param file         the manifest entry
 */
public record FileNeed(String packageLabel, Path packageDir, ExternalFile file) {
    public FileNeed {
        Objects.requireNonNull(packageLabel, "packageLabel");
        Objects.requireNonNull(packageDir, "packageDir");
        Objects.requireNonNull(file, "file");
        if (!packageDir.isAbsolute()) {
            throw new IllegalArgumentException("package directory must be absolute: '" + packageDir + "'");
        }
        // The manifest reader rejects these; checked again because the name is resolved against directories.
        String name = file.path();
        if (name.isEmpty() || name.contains("/") || name.equals(".") || name.equals("..")) {
            throw new IllegalArgumentException("external file name must be a plain file name: '" + name + "'");
        }
    }

    /** The package directory as messages name it: the label without its leading {@code //}. */
    String packagePlace() {
        return packageLabel.startsWith("//") ? packageLabel.substring(2) : packageDir.toString();
    }
}
