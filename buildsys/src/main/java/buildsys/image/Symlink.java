package buildsys.image;

/** A relative symbolic link in an image output directory: {@code name} points at {@code target} beside it. */
public record Symlink(String name, String target) {
    public Symlink {
        ImageArtifact.requireFileName(name);
        ImageArtifact.requireFileName(target);
    }
}
