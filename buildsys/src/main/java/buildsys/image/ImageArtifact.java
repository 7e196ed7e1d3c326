package buildsys.image;

import java.util.List;
import java.util.Objects;

/** A file an image build leaves in its versioned output directory, and the friendlier links to it. */
public record ImageArtifact(String fileName, List<Symlink> symlinks) {
    public ImageArtifact {
        requireFileName(fileName);
        symlinks = List.copyOf(symlinks);
        for (Symlink link : symlinks) {
            if (!link.target().equals(fileName)) {
                throw new IllegalArgumentException("symlink '" + link.name() + "' of '" + fileName + "' points at '"
                        + link.target() + "'");
            }
        }
    }

    static String requireFileName(String name) {
        Objects.requireNonNull(name);
        if (name.isEmpty() || name.contains("/") || name.equals(".") || name.equals("..")) {
            throw new IllegalArgumentException("'" + name + "' is not a file name");
        }
        return name;
    }
}
