package buildsys.manifest;

import common.Arch;
import common.TwoliterException;
import common.toml.TomlFile;
import common.toml.TomlNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** Reads one Cargo.toml into a {@link Manifest}, following upstream's schema (buildsys.md §2). */
final class ManifestReader {
    private static final List<String> REMOVED_PACKAGE_KEYS = List.of("variant-sensitive", "package-features");
    private static final Pattern RPM_NAME = Pattern.compile("[A-Za-z0-9_+][A-Za-z0-9._+-]*");

    private final Path projectRoot;
    private final String repository;
    private final List<String> warnings;

    /** {@code repository} is the name the labels get, {@link Label#MAIN} for the project being built. */
    ManifestReader(Path projectRoot, String repository, List<String> warnings) {
        this.projectRoot = projectRoot;
        this.repository = repository;
        this.warnings = warnings;
    }

    /** Reads {@code <dir>/Cargo.toml}, {@code dir} being relative to the project root. */
    Manifest read(String dir) throws TwoliterException {
        String file = display(projectRoot, repository, dir + "/Cargo.toml");
        TomlNode root = TomlFile.read(projectRoot.resolve(dir + "/Cargo.toml"), file).root();
        TomlNode cargoPackage = root.optTable("package")
                .orElseThrow(() -> TwoliterException.badInput(file + ": required table '[package]' is missing;"
                        + " every workspace member needs [package] with a name"));
        String cargoName = cargoPackage.string("name");
        Label label = new Label(repository, dir);
        Optional<TomlNode> metadata = cargoPackage.optTable("metadata");
        BuildMetadata build = readMetadata(label, cargoPackage, metadata.orElse(null));
        List<PathDependency> deps = new ArrayList<>();
        readDependencies(root, "build-dependencies", DependencyKind.BUILD, dir, deps);
        readDependencies(root, "dependencies", DependencyKind.NORMAL, dir, deps);
        return new Manifest(label, file, cargoName, build, deps);
    }

    private BuildMetadata readMetadata(Label label, TomlNode cargoPackage, TomlNode metadata)
            throws TwoliterException {
        if (metadata != null) {
            // Upstream takes the first table present in this order.
            for (ManifestKind kind : ManifestKind.values()) {
                Optional<TomlNode> table = metadata.optTable(kind.table());
                if (table.isPresent()) {
                    return switch (kind) {
                        case PACKAGE -> readPackage(table.get(), cargoPackage);
                        case KIT -> readKit(table.get());
                        case VARIANT -> readVariant(table.get(), label);
                    };
                }
            }
        }
        warnings.add(cargoPackage.file().name() + " has none of [package.metadata.build-package], build-kit or"
                + " build-variant; treating " + label + " as a package, as upstream does");
        return new PackageSpec(rpmName(cargoPackage, "name"), List.of(), List.of());
    }

    /**
     * A package name, which names the spec file, the RPMs and directories in the build: letters, digits and
     * {@code . _ + -}, not starting with {@code .} or {@code -} (rpm's own rule is looser, but a name with spaces,
     * {@code /}, {@code ..} or shell characters can only fail later, inside a build).
     */
    private static String rpmName(TomlNode table, String key) throws TwoliterException {
        String name = table.string(key);
        if (!RPM_NAME.matcher(name).matches()) {
            throw table.error(key, "is '" + printable(name) + "', which is not a package name: use letters,"
                    + " digits, '.', '_', '+' and '-', not starting with '.' or '-'"
                    + (key.equals("name") ? ", or set package-name in [package.metadata.build-package]" : ""));
        }
        return name;
    }

    /** The value as a message quotes it: control characters as Java escapes, so the message stays one line. */
    private static String printable(String value) {
        StringBuilder out = new StringBuilder();
        for (char c : value.toCharArray()) {
            switch (c) {
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> out.append(Character.isISOControl(c) ? String.format("\\u%04x", (int) c) : c);
            }
        }
        return out.toString();
    }

    private PackageSpec readPackage(TomlNode table, TomlNode cargoPackage) throws TwoliterException {
        for (String removed : REMOVED_PACKAGE_KEYS) {
            if (table.has(removed)) {
                throw table.error(removed, "is no longer supported (upstream removed per-variant package builds);"
                        + " delete the key from " + table.file().name());
            }
        }
        // Upstream's package-name defaults to the Cargo package name.
        String packageName = table.has("package-name") ? rpmName(table, "package-name")
                : rpmName(cargoPackage, "name");
        List<String> sourceGroups = table.optStringList("source-groups").orElse(List.of());
        for (String group : sourceGroups) {
            if (group.isEmpty() || group.startsWith("/") || List.of(group.split("/")).contains("..")) {
                throw table.error("source-groups", "holds '" + group + "'; source groups are directories under"
                        + " sources/, written relative to it");
            }
        }
        List<ExternalFile> files = new ArrayList<>();
        for (TomlNode entry : table.tableArray("external-files")) {
            files.add(readExternalFile(entry));
        }
        return new PackageSpec(packageName, sourceGroups, files);
    }

    private ExternalFile readExternalFile(TomlNode entry) throws TwoliterException {
        String url = entry.string("url");
        String urlName = lastUrlSegment(url)
                .orElseThrow(() -> entry.error("url", "is '" + url + "', which is not a URL ending in a file name"));
        String sha = entry.string("sha512");
        if (!Sha512.isValid(sha)) {
            throw entry.error("sha512", "is '" + sha + "'; it must be 128 lowercase hex digits (the output of"
                    + " sha512sum)");
        }
        String path = entry.optString("path").orElse(urlName);
        if (path.isEmpty() || path.contains("/") || path.equals(".") || path.equals("..")) {
            throw entry.error("path", "is '" + path + "'; it must be a plain file name, stored beside the spec");
        }
        List<String> modules = entry.optStringList("bundle-modules").orElse(List.of());
        for (String module : modules) {
            if (!module.equals("go")) {
                throw entry.error("bundle-modules", "holds '" + module + "'; the only bundle module is 'go'");
            }
        }
        Optional<String> rootPath = entry.optString("bundle-root-path");
        if (rootPath.isPresent() && (rootPath.get().isEmpty() || rootPath.get().startsWith("/")
                || List.of(rootPath.get().split("/")).contains(".."))) {
            throw entry.error("bundle-root-path", "is '" + rootPath.get() + "'; it must be a directory inside the"
                    + " archive, written relative to the archive's root (such as \"project-1.0/cmd\")");
        }
        Optional<String> outputPath = entry.optString("bundle-output-path");
        if (outputPath.isPresent() && (outputPath.get().isEmpty() || outputPath.get().contains("/")
                || outputPath.get().equals(path) || outputPath.get().startsWith("."))) {
            throw entry.error("bundle-output-path", "is '" + outputPath.get() + "'; it must be a plain file name"
                    + " other than the archive's, such as \"bundled-" + path + "\"");
        }
        return new ExternalFile(url, new Sha512(sha), path, entry.optBoolean("force-upstream").orElse(false),
                modules, rootPath, outputPath);
    }

    private static Optional<String> lastUrlSegment(String url) {
        try {
            URI uri = new URI(url);
            String path = uri.getPath();
            if (uri.getScheme() == null || path == null) {
                return Optional.empty();
            }
            String last = path.substring(path.lastIndexOf('/') + 1);
            return last.isEmpty() ? Optional.empty() : Optional.of(last);
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    private KitSpec readKit(TomlNode table) throws TwoliterException {
        if (!table.has("vendor")) {
            throw TwoliterException.badInput(table.location(null) + ": [package.metadata.build-kit] has no 'vendor';"
                    + " add vendor = \"<name>\" naming the kit's vendor (a [vendor.<name>] of Twoliter.toml)");
        }
        return new KitSpec(table.string("vendor"), table.optString("kit-name"));
    }

    private VariantSpec readVariant(TomlNode table, Label label) throws TwoliterException {
        VariantName name = VariantName.parse(label.name());
        List<String> included = table.optStringList("included-packages").orElse(List.of());
        List<String> kernelParameters = table.optStringList("kernel-parameters").orElse(List.of());
        for (int i = 0; i < kernelParameters.size(); i++) {
            String parameter = kernelParameters.get(i);
            // grub.cfg holds the parameters on one line: a line break would end the kernel command line there.
            if (parameter.chars().anyMatch(Character::isISOControl)) {
                throw table.error("kernel-parameters", "item " + (i + 1) + " is '" + printable(parameter)
                        + "', which holds a control character; each item is kernel command-line text on one"
                        + " line: remove the line break or split it into separate items");
            }
        }
        String formatKey = table.optString("image-format").orElse("raw");
        ImageFormat format = ImageFormat.fromKey(formatKey).orElseThrow(() -> table.error("image-format",
                "is '" + formatKey + "'; use one of raw, qcow2, vmdk"));
        Set<Arch> arches = EnumSet.allOf(Arch.class);
        Optional<List<String>> archList = table.optStringList("supported-arches");
        if (archList.isPresent()) {
            if (archList.get().isEmpty()) {
                throw table.error("supported-arches", "is empty; list x86_64 and/or aarch64, or remove the key to"
                        + " support both");
            }
            arches = EnumSet.noneOf(Arch.class);
            for (String arch : archList.get()) {
                arches.add(Arch.parse(arch, table.location("supported-arches") + " 'supported-arches'"));
            }
        }
        ImageLayout layout = readLayout(table.optTable("image-layout"));
        Set<ImageFeature> features = readFeatures(table.optTable("image-features"));
        return new VariantSpec(name, included, kernelParameters, format, arches, layout, features);
    }

    private static ImageLayout readLayout(Optional<TomlNode> maybeTable) throws TwoliterException {
        if (maybeTable.isEmpty()) {
            return ImageLayout.DEFAULT;
        }
        TomlNode table = maybeTable.get();
        ImageLayout d = ImageLayout.DEFAULT;
        int os = size(table, "os-image-size-gib", d.osImageSizeGib(), 1);
        int data = size(table, "data-image-size-gib", d.dataImageSizeGib(), 1);
        int hint = size(table, "publish-image-size-hint-gib", d.publishImageSizeHintGib(), 0);
        String planKey = table.optString("partition-plan").orElse(d.partitionPlan().key());
        PartitionPlan plan = PartitionPlan.fromKey(planKey).orElseThrow(() -> table.error("partition-plan",
                "is '" + planKey + "'; use 'split' or 'unified'"));
        return new ImageLayout(os, data, hint, plan);
    }

    private static int size(TomlNode table, String key, int fallback, int min) throws TwoliterException {
        long value = table.optLong(key).orElse((long) fallback);
        // Upstream stores these as u16.
        if (value < min || value > 65535) {
            throw table.error(key, "is " + value + "; it must be a whole number of GiB from " + min + " to 65535");
        }
        return (int) value;
    }

    private static Set<ImageFeature> readFeatures(Optional<TomlNode> maybeTable) throws TwoliterException {
        Set<ImageFeature> enabled = EnumSet.copyOf(ImageFeature.DEFAULTS);
        if (maybeTable.isEmpty()) {
            return enabled;
        }
        TomlNode table = maybeTable.get();
        Map<ImageFeature, Boolean> settings = new LinkedHashMap<>();
        for (String key : table.keys()) {
            ImageFeature feature = ImageFeature.fromKey(key).orElseThrow(() -> table.error(key,
                    "is not an image feature; known features are " + featureKeys()));
            settings.put(feature, table.optBoolean(key).orElseThrow());
        }
        settings.forEach((feature, on) -> {
            if (on) {
                enabled.add(feature);
            } else {
                enabled.remove(feature);
            }
        });
        return enabled;
    }

    private static String featureKeys() {
        List<String> keys = new ArrayList<>();
        for (ImageFeature feature : ImageFeature.values()) {
            keys.add(feature.key());
        }
        return String.join(", ", keys);
    }

    private void readDependencies(TomlNode root, String section, DependencyKind kind, String dir,
                                  List<PathDependency> out) throws TwoliterException {
        Optional<TomlNode> table = root.optTable(section);
        if (table.isEmpty()) {
            return;
        }
        for (String name : table.get().keys()) {
            if (!table.get().isTable(name)) {
                continue; // a registry dependency such as name = "1.0": not part of the build graph
            }
            Optional<TomlNode> entry = table.get().optTable(name);
            Optional<String> path = entry.get().optString("path");
            if (path.isEmpty()) {
                continue;
            }
            String target = resolve(dir, path.get()).orElseThrow(() -> entry.get().error("path",
                    "is '" + path.get() + "', which leaves the project directory; path dependencies must stay"
                            + " inside the project"));
            out.add(new PathDependency(name, path.get(), new Label(repository, target), kind));
        }
    }

    /**
     * How messages name a project file: relative to the project root for the project being built, the full path for
     * a composed repository's (whose root the user may not have in mind).
     */
    static String display(Path projectRoot, String repository, String relative) {
        return repository.isEmpty() ? relative : projectRoot.resolve(relative).toString();
    }

    /** Resolves a relative path against a project-relative directory; empty when it escapes the project. */
    static Optional<String> resolve(String dir, String relative) {
        Path resolved = Path.of(dir).resolve(relative).normalize();
        String text = resolved.toString().replace('\\', '/');
        if (resolved.isAbsolute() || text.isEmpty() || text.equals("..") || text.startsWith("../")) {
            return Optional.empty();
        }
        return Optional.of(text);
    }

    static boolean hasManifest(Path projectRoot, String dir) {
        return Files.isRegularFile(projectRoot.resolve(dir).resolve("Cargo.toml"));
    }
}
