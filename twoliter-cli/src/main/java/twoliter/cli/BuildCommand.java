package twoliter.cli;

import buildsys.QueryRequest;
import buildsys.graph.BuildGraph;
import buildsys.manifest.Label;
import buildsys.manifest.Manifest;
import buildsys.manifest.ManifestKind;
import common.Names;
import common.TwoliterException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code twoliter build variant|kit|package|clean}. */
@Command(name = "build", mixinStandardHelpOptions = true, description = "Build variants, kits or packages.",
        subcommands = {BuildCommand.Variant.class, BuildCommand.Kit.class, BuildCommand.Package.class,
                BuildCommand.Clean.class})
final class BuildCommand {
    @ParentCommand
    TwoliterCommand root;

    /** Options every build subcommand takes. */
    static final class Options {
        @Option(names = "--arch", paramLabel = "ARCH",
                description = "x86_64 or aarch64 (default: BUILDSYS_ARCH, else this machine's)")
        String arch;

        @Option(names = "--dry-run", description = "load and analyse, print the ordered actions and their keys,"
                + " execute nothing")
        boolean dryRun;

        @Option(names = "--events", paramLabel = "FILE", description = "write one JSON line per action and a"
                + " summary line to FILE")
        Path events;

        @Option(names = "--upstream-source-fallback",
                description = "fetch external files from their upstream URL when the lookaside cache lacks them"
                        + " (also BUILDSYS_UPSTREAM_SOURCE_FALLBACK=true)")
        boolean upstreamSourceFallback;

        @Option(names = {"-j", "--jobs"}, paramLabel = "N", description = "actions run at once (default: the"
                + " number of cores, or BUILDSYS_JOBS)")
        Integer jobs;

        @Option(names = {"-k", "--keep-going"}, description = "after a failure, go on with everything that does"
                + " not depend on it")
        boolean keepGoing;

        @Option(names = "--explain", description = "print why each action runs")
        boolean explain;

        @Option(names = "--offline", description = "never use the network: take external files from the"
                + " caches, the package directories and --distdir only, and list what is missing")
        boolean offline;

        @Option(names = "--distdir", paramLabel = "DIR", description = "a read-only directory of external files,"
                + " searched by file name (repeatable)")
        List<Path> distdirs = new ArrayList<>();

        @Option(names = "--vendor-dir", paramLabel = "DIR", description = "a directory filled by 'twoliter vendor':"
                + " external files come from DIR/files too, the SDK image from DIR/sdk when Docker lacks it"
                + " (default: 'vendor-dir' in .twoliterrc)")
        Path vendorDir;

        @Option(names = "--cache-dir", paramLabel = "DIR", description = "the machine-wide cache (default:"
                + " TWOLITER_CACHE_DIR, else $XDG_CACHE_HOME/twoliter or ~/.cache/twoliter)")
        Path cacheDir;

        /** The lookaside base URL: the positional argument of build variant|kit, if any. */
        String lookasideCache;
    }

    @Command(name = "variant", mixinStandardHelpOptions = true,
            description = "Build a variant's images, with every package and kit it needs.")
    static final class Variant implements Callable<Integer> {
        @ParentCommand
        BuildCommand build;

        @Parameters(index = "0", paramLabel = "VARIANT", description = "the variant, e.g. aws-k8s-1.29-nvidia")
        String name;

        @Parameters(index = "1", arity = "0..1", paramLabel = "LOOKASIDE_CACHE",
                description = "base URL of the lookaside cache (default: BUILDSYS_LOOKASIDE_CACHE)")
        String lookasideCache;

        @Option(names = "--infra-toml", paramLabel = "PATH", description = "the Infra.toml to use")
        Path infraToml;

        @Mixin
        Options options;

        @Override
        public Integer call() throws Exception {
            Label label = find(build.root, ManifestKind.VARIANT, name, "variant");
            options.lookasideCache = lookasideCache;
            return new BuildRun(build.root, options).run(List.of(label), "variant '" + name + "'");
        }
    }

    @Command(name = "kit", mixinStandardHelpOptions = true,
            description = "Build a kit: its packages, their yum repository and its OCI image archive.")
    static final class Kit implements Callable<Integer> {
        @ParentCommand
        BuildCommand build;

        @Parameters(index = "0", paramLabel = "KIT", description = "the kit, e.g. core-kit")
        String name;

        @Parameters(index = "1", arity = "0..1", paramLabel = "LOOKASIDE_CACHE",
                description = "base URL of the lookaside cache (default: BUILDSYS_LOOKASIDE_CACHE)")
        String lookasideCache;

        @Mixin
        Options options;

        @Override
        public Integer call() throws Exception {
            Label label = find(build.root, ManifestKind.KIT, name, "kit");
            options.lookasideCache = lookasideCache;
            return new BuildRun(build.root, options).run(List.of(label), "kit '" + name + "'");
        }
    }

    @Command(name = "package", mixinStandardHelpOptions = true,
            description = "Build packages, named or selected by target patterns (//packages/...).")
    static final class Package implements Callable<Integer> {
        @ParentCommand
        BuildCommand build;

        @Parameters(arity = "1..*", paramLabel = "PACKAGE", description = "package names or target patterns")
        List<String> packages;

        @Mixin
        Options options;

        @Override
        public Integer call() throws Exception {
            List<Label> labels = new ArrayList<>();
            List<String> patterns = new ArrayList<>();
            for (String arg : packages) {
                var byName = build.root.buildsys().graph().ofKind(ManifestKind.PACKAGE).stream()
                        .filter(m -> m.name().equals(arg) || m.label().name().equals(arg)).findFirst();
                if (byName.isPresent()) {
                    labels.add(byName.get().label());
                } else {
                    patterns.add(arg);
                }
            }
            if (!patterns.isEmpty()) {
                BuildGraph graph = build.root.buildsys().graph();
                List<Label> matched = build.root.buildsys().query(new QueryRequest(patterns,
                        build.root.workingDirInProject(), QueryRequest.Mode.MATCHES));
                matched.stream().filter(l -> graph.manifest(l).kind() == ManifestKind.PACKAGE).forEach(labels::add);
                if (labels.isEmpty()) {
                    throw TwoliterException.badInput("'" + String.join(" ", patterns) + "' selects no package;"
                            + " name packages, or use patterns such as //packages/...");
                }
            }
            return new BuildRun(build.root, options).run(labels.stream().distinct().toList(), "packages");
        }
    }

    @Command(name = "clean", mixinStandardHelpOptions = true, description = "Remove the project's build outputs.")
    static final class Clean implements Callable<Integer> {
        @ParentCommand
        BuildCommand build;

        @Override
        public Integer call() throws Exception {
            Path root = build.root.project().root();
            for (String dir : BuildClean.ALL) {
                BuildClean.remove(root, dir);
            }
            build.root.console().info("removed the build outputs under " + root.resolve("build")
                    + " (the machine-wide cache is kept)");
            return 0;
        }
    }

    /** The target of the given kind whose name (or directory name) is {@code name}, or an error listing them. */
    static Label find(TwoliterCommand root, ManifestKind kind, String name, String what) throws TwoliterException {
        List<Manifest> candidates = root.buildsys().graph().ofKind(kind);
        for (Manifest manifest : candidates) {
            if (manifest.name().equals(name) || manifest.label().name().equals(name)) {
                return manifest.label();
            }
        }
        List<String> names = candidates.stream().map(Manifest::name).sorted().toList();
        throw TwoliterException.badInput(Names.withHint("unknown " + what + " '" + name + "'", name, names,
                "The " + what + "s of this project are: " + (names.isEmpty() ? "none" : String.join(", ", names))
                        + " (directories with [package.metadata." + kind.table() + "] in their Cargo.toml)."));
    }
}
