package twoliter.kits;

import buildsys.kits.ComposedKit;
import buildsys.manifest.Label;
import buildsys.manifest.Repository;
import common.TwoliterException;
import common.toml.TomlFile;
import common.toml.TomlNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import twoliter.project.ImageRef;
import twoliter.project.Project;
import twoliter.project.TwoliterLock.LockedImage;
import twoliter.project.TwoliterToml;

/**
 * The kits that Twoliter.override's {@code path} points at another project's sources (issue 12 item 3, tl#331): a
 * directory holding Twoliter.toml and {@code kits/<kit>/Cargo.toml} with {@code [package.metadata.build-kit]}, built
 * archives or not. This build loads that project's manifests as the repository {@code @<kit>}, so its
 * {@code //packages/release} is {@code @<kit>//packages/release} beside this project's own, and makes the kit from
 * its sources in place of the fetched image, in this project's SDK (Bazel's {@code local_repository} override does
 * the same for a dependency). When several overridden kits come from one project, it is loaded once, under the name
 * of the first of them in name order.
 */
public final class ComposedKits {
    private final List<Entry> entries;
    private final List<String> warnings;

    /**
     * One kit built from source.
     *
     * @param kit the kit as this project wants it; the other project's release-version equals its version
     * @param repository the repository name of the other project in this build
     */
    public record Entry(ImageRef kit, Path projectRoot, String repository) {
        /** The kit's target: {@code @<repository>//kits/<kit>}. */
        public Label label() {
            return new Label(repository, "kits/" + kit.name());
        }
    }

    /** A project directory that defines a kit in {@code kits/<kit>/}, and its Twoliter.toml. */
    record KitProject(Path root, TwoliterToml config) {
    }

    private ComposedKits(List<Entry> entries, List<String> warnings) {
        this.entries = List.copyOf(entries);
        this.warnings = List.copyOf(warnings);
    }

    public static ComposedKits none() {
        return new ComposedKits(List.of(), List.of());
    }

    /**
     * The kits of Twoliter.toml, and the transitive ones of Twoliter.lock, that Twoliter.override points at a project
     * defining them. Fails when such a project's release-version is not the version this project wants.
     */
    public static ComposedKits of(Project project) throws TwoliterException {
        Map<String, ImageRef> wanted = new LinkedHashMap<>();
        project.config().kits().forEach(k -> wanted.putIfAbsent(k.vendor() + "/" + k.name(), k));
        project.lock().ifPresent(lock -> lock.kits().stream().map(LockedImage::image)
                .forEach(k -> wanted.putIfAbsent(k.vendor() + "/" + k.name(), k)));
        Map<ImageRef, KitProject> found = new LinkedHashMap<>();
        for (ImageRef kit : wanted.values()) {
            Optional<KitProject> source = open(ProjectImage.of(project, kit));
            if (source.isPresent()) {
                checkVersion(kit, source.get());
                found.put(kit, source.get());
            }
        }
        Map<Path, String> names = new LinkedHashMap<>();
        found.keySet().stream().sorted(Comparator.comparing(ImageRef::name).thenComparing(ImageRef::vendor))
                .forEach(kit -> names.putIfAbsent(found.get(kit).root(), kit.name()));
        Map<String, Path> byName = new TreeMap<>();
        List<Entry> entries = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        for (Map.Entry<ImageRef, KitProject> kit : found.entrySet()) {
            Path root = kit.getValue().root();
            String name = names.get(root);
            Path other = byName.putIfAbsent(name, root);
            if (other != null && !other.equals(root)) {
                throw TwoliterException.badInput("Twoliter.override points two kits named '" + name + "' at"
                        + " different projects ('" + other + "' and '" + root + "'); build only one of them from"
                        + " source");
            }
            if (other == null) {
                sdkWarning(project, kit.getKey(), kit.getValue()).ifPresent(warnings::add);
            }
            entries.add(new Entry(kit.getKey(), root, name));
        }
        return new ComposedKits(entries, warnings);
    }

    /**
     * The project a path override points at, when it defines the kit; empty for a layout, an archive, a kit build
     * directory or a project without {@code kits/<kit>/}, which are read as images ({@link LocalImageSource}).
     */
    static Optional<KitProject> open(ProjectImage image) throws TwoliterException {
        if (image.localPath().isEmpty()) {
            return Optional.empty();
        }
        Path dir = image.localPath().get();
        Path manifest = dir.resolve("kits").resolve(image.image().name()).resolve("Cargo.toml");
        if (!Files.isRegularFile(dir.resolve("Twoliter.toml")) || !Files.isRegularFile(manifest)) {
            return Optional.empty();
        }
        Optional<TomlNode> metadata = TomlFile.read(manifest, manifest.toString()).root().optTable("package")
                .flatMap(ComposedKits::metadata);
        if (metadata.isEmpty() || !metadata.get().isTable("build-kit")) {
            return Optional.empty();
        }
        try {
            return Optional.of(new KitProject(dir, TwoliterToml.read(dir.resolve("Twoliter.toml"))));
        } catch (TwoliterException e) {
            throw new TwoliterException(e.category(), "in the kit project '" + dir + "' of Twoliter.override: "
                    + e.getMessage(), e);
        }
    }

    private static Optional<TomlNode> metadata(TomlNode cargoPackage) {
        try {
            return cargoPackage.optTable("metadata");
        } catch (TwoliterException e) {
            return Optional.empty();
        }
    }

    static void checkVersion(ImageRef kit, KitProject source) throws TwoliterException {
        String version = source.config().releaseVersion();
        if (!version.equals(kit.version())) {
            throw TwoliterException.badInput("Twoliter.override points kit " + kit + " at the project '"
                    + source.root() + "', whose release-version is '" + version + "'; the kit would be built as "
                    + version + ". Set the kit's version in Twoliter.toml to " + version + " (then run 'twoliter"
                    + " update'), or check out the project at " + kit.version());
        }
    }

    /** The other project's SDK is not used: say so when its Twoliter.toml (or sdk/ recipe) names another one. */
    static Optional<String> sdkWarning(Project project, ImageRef kit, KitProject source)
            throws TwoliterException {
        Optional<ImageRef> own = project.config().sdk();
        String theirs;
        if (source.config().sdk().isPresent()) {
            if (own.equals(source.config().sdk())) {
                return Optional.empty();
            }
            theirs = "SDK " + source.config().sdk().get();
        } else if (Files.isRegularFile(source.root().resolve(Project.IN_TREE_SDK_DIR).resolve("Dockerfile"))) {
            if (InTreeSdk.usedBy(project) && InTreeSdk.recipeDigest(project.root())
                    .equals(InTreeSdk.recipeDigest(source.root()))) {
                return Optional.empty();
            }
            theirs = "SDK recipe in " + source.root().resolve(Project.IN_TREE_SDK_DIR);
        } else {
            return Optional.empty();
        }
        String ours = own.map(sdk -> "SDK " + sdk).orElse(InTreeSdk.usedBy(project)
                ? "SDK recipe in " + Project.IN_TREE_SDK_DIR + "/" : "SDK locked in Twoliter.lock");
        return Optional.of("kit " + kit + " is built from source in '" + source.root() + "' with this project's "
                + ours + ", not its own " + theirs + ": the whole build runs in one SDK");
    }

    public List<Entry> entries() {
        return entries;
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    /** Things the user should know, e.g. that a kit project names another SDK than this build uses. */
    public List<String> warnings() {
        return warnings;
    }

    /** Whether the kit of this vendor and name is built from source. */
    public boolean contains(String vendor, String name) {
        return entries.stream().anyMatch(e -> e.kit().vendor().equals(vendor) && e.kit().name().equals(name));
    }

    /** The other projects to load, each once. */
    public List<Repository> repositories() {
        Map<String, Path> roots = new TreeMap<>();
        entries.forEach(e -> roots.putIfAbsent(e.repository(), e.projectRoot()));
        return roots.entrySet().stream().map(e -> new Repository(e.getKey(), e.getValue())).toList();
    }

    /** The kits as the planner takes them. */
    public List<ComposedKit> planned() {
        return entries.stream().map(e -> new ComposedKit(e.kit().vendor(), e.kit().name(), e.kit().version(),
                e.label())).toList();
    }
}
