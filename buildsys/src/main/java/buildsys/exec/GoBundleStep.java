package buildsys.exec;

import buildsys.container.RunResult;
import buildsys.container.RunSpec;
import buildsys.container.TarInput;
import buildsys.manifest.ExternalFile;
import buildsys.manifest.PackageSpec;
import buildsys.plan.Action;
import common.TwoliterException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Makes the Go module bundle of one external archive ({@code bundle-modules = ["go"]}): {@code go mod vendor} in the
 * SDK, with the network, as the builder user (bundle-go.sh documents the container's side). A bundle already in the
 * vendor directory is taken from there instead, so a vendored project never needs the network.
 */
final class GoBundleStep {
    private static final String SCRIPT = "/twoliter/bundle-go.sh";
    private static final String CA_BUNDLE = "/twoliter/ca-bundle.crt";

    private final StepContext context;

    GoBundleStep(StepContext context) {
        this.context = context;
    }

    /** The external file an action bundles: the one whose bundle name is the action's step. */
    static ExternalFile archive(StepContext context, Action action) {
        PackageSpec spec = (PackageSpec) context.manifest(action).metadata();
        return spec.bundling(action.step()).orElseThrow(() -> new IllegalStateException("no external file bundles"
                + " to " + action.step() + " in " + action.target()));
    }

    /** The bundle in the vendor directory, if it is there. */
    static Optional<Path> vendored(GoBundleSettings settings, ExternalFile file) {
        return settings.vendorDir().map(dir -> dir.resolve(GoBundleSettings.bundleId(file))
                .resolve(file.goBundle().orElseThrow())).filter(Files::isRegularFile);
    }

    Path run(Action action, Path scratch) throws TwoliterException, IOException {
        ExternalFile file = archive(context, action);
        String output = file.goBundle().orElseThrow();
        Path out = scratch.resolve("out");
        Files.createDirectories(out);
        GoBundleSettings settings = context.request().goBundles();
        Optional<Path> vendored = vendored(settings, file);
        if (vendored.isPresent()) {
            Files.copy(vendored.get(), out.resolve(output), StandardCopyOption.REPLACE_EXISTING);
            return out;
        }
        if (settings.offline()) {
            throw TwoliterException.badInput("go-bundle " + action.target() + " (" + output + ") needs the network"
                    + " ('go mod vendor') and the build is offline; build once online, or run 'twoliter vendor'"
                    + " and build with --vendor-dir");
        }
        TarInput input = new TarInput().text(SCRIPT, Resources.text("bundle-go.sh"), true)
                .directory("/twoliter/output")
                .file("/twoliter/input/" + file.path(), context.fetchedFile(action, file), false);
        Map<String, String> env = new HashMap<>(settings.env());
        if (settings.caBundle().isPresent()) {
            input.file(CA_BUNDLE, settings.caBundle().get(), false);
            env.put("SSL_CERT_FILE", CA_BUNDLE);
        }
        env.put("ARCHIVE", file.path());
        env.put("BUNDLE_OUTPUT", output);
        env.put("BUNDLE_ROOT_PATH", file.bundleRootPath().orElse(""));
        RunResult result = context.runtime().run(new RunSpec(context.sdkImage(), List.of("bash", SCRIPT), env,
                "root", true, input, "/twoliter/output", out, context.logFile(action),
                "go-bundle " + action.target() + " " + output));
        if (!result.succeeded()) {
            throw context.stepFailed(action, "bash " + SCRIPT, result.exitCode());
        }
        return out;
    }
}
