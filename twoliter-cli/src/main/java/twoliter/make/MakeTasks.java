package twoliter.make;

import common.Names;
import common.TwoliterException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The table of {@code twoliter make} tasks: upstream's task names (twoliter-cli.md §3.2) and what each does. */
public final class MakeTasks {
    private static final MakeTask.Availability NOT_YET = MakeTask.Availability.NOT_YET;
    private static final MakeTask.Availability UNSUPPORTED = MakeTask.Availability.UNSUPPORTED;
    private static final String TESTSYS = "testsys drives test clusters in Kubernetes, which this tool does not";

    private static final Map<String, MakeTask> TASKS = new TreeMap<>();

    static {
        // Building. The variant tasks build packages and kits, then report that images are not written yet.
        available("default", "alias of build");
        available("build", "build the variant BUILDSYS_VARIANT (packages, kits, images)");
        available("build-variant", "build the variant BUILDSYS_VARIANT");
        available("build-package", "build the package PACKAGE");
        available("build-kit", "build the kit BUILDSYS_KIT");
        available("build-all", "build every package, kit and variant");
        add("repack-variant", "rebuild a variant's images with new CA bundle, root.json or keys");
        add("build-sbkeys", "generate local secure boot keys");
        add("check-licenses", "check the licenses of the Rust and Go sources");
        add("setup", "create the build directories");
        add("setup-build", "check the build prerequisites");
        add("fetch", "fetch the SDK, sources and vendored Go modules");
        add("fetch-sdk", "fetch the SDK image");
        add("fetch-sources", "fetch the Rust crates of sources/");
        add("fetch-vendored", "vendor the Go modules of sources/");
        add("validate-kits", "check that the kits match Twoliter.lock");
        add("cargo-metadata", "write build/metadata/cargo_metadata.json");
        add("boot-config", "build bootconfig.data from bootconfig-input");
        add("validate-boot-config", "list the contents of bootconfig.data");
        // Source checks of the Rust and Go code under sources/.
        add("unit-tests", "run the unit tests of sources/");
        add("check", "run every check of sources/");
        add("check-fmt", "check the formatting of sources/");
        add("check-lints", "run the linters of sources/");
        add("check-clippy", "run clippy on sources/");
        add("check-shell", "run shellcheck on the project's scripts");
        add("check-golangci-lint", "run golangci-lint on the Go modules");
        add("check-migrations", "check Release.toml migrations against their sources");
        add("check-cargo-version", "check the cargo version");
        // Publishing.
        available("publish-setup", "create the repository root role and signing key");
        available("publish-setup-without-key", "create the repository root role without a key");
        available("repo", "build a signed TUF update repository for the variant");
        available("validate-repo", "download and verify an update repository as served now (keeps no"
                + " state, so a replayed older but unexpired snapshot also passes)");
        available("refresh-repo", "re-sign an update repository's expiring metadata");
        available("check-repo-expirations", "report update repository metadata that expires soon");
        add("fetch-variant", "download a variant's images from an update repository");
        add("fetch-friendly-variant", "fetch-variant with friendly file names");
        add("fetch-ova", "download a variant's OVA from an update repository");
        available("ami", "upload the variant's image and register it as an AMI in PUBLISH_REGIONS");
        available("ami-public", "make the AMIs public");
        available("ami-private", "make the AMIs private");
        available("grant-ami", "share the AMIs with GRANT_TO_* accounts");
        available("revoke-ami", "stop sharing the AMIs with REVOKE_FROM_* accounts");
        available("validate-ami", "check the registered AMIs against amis.json");
        available("ssm", "publish SSM parameters for the AMIs");
        available("promote-ssm", "copy SSM parameters to the SSM_TARGET version");
        available("validate-ssm", "check the SSM parameters");
        available("publish-kit", "push the kit BUILDSYS_KIT to the registry of PUBLISH_VENDOR (repo PUBLISH_KIT_REPO)");
        add("upload-ova", "upload the OVA to vSphere");
        add("vmware-template", "upload the OVA to vSphere as a template");
        add("_upload-ova-base", "internal step of upload-ova");
        // Cleaning.
        available("clean", "remove every build output");
        add("clean-sources", "remove the build outputs of sources/");
        add("clean-workspace", "remove cargo's target directories");
        for (String what : List.of("packages", "kits", "images", "logs", "repos", "state", "metadata", "tools")) {
            available("clean-" + what, "remove build/" + (what.equals("packages") ? "rpms" : what)
                    + (what.equals("kits") ? " and build/external-kits" : ""));
        }
        add("purge-cache", "remove the cargo and Go caches");
        add("purge-go-vendor", "remove the Go module cache");
        add("purge-cargo", "remove the cargo home");
        // Testing with testsys.
        for (String name : List.of("setup-test", "test", "clean-test", "reset-test", "uninstall-test", "purge-test",
                "watch-test", "watch-test-all", "log-test", "testsys")) {
            TASKS.put(name, new MakeTask(name, "testsys: " + name.replace('-', ' '), UNSUPPORTED, true));
        }
    }

    private MakeTasks() {
    }

    private static void add(String name, String summary) {
        TASKS.put(name, new MakeTask(name, summary, NOT_YET, false));
    }

    private static void available(String name, String summary) {
        TASKS.put(name, new MakeTask(name, summary, MakeTask.Availability.AVAILABLE, false));
    }

    public static List<MakeTask> all() {
        return Collections.unmodifiableList(new ArrayList<>(TASKS.values()));
    }

    public static Optional<MakeTask> find(String name) {
        return Optional.ofNullable(TASKS.get(name));
    }

    /** The task, or an error that suggests the closest name. */
    public static MakeTask lookup(String name) throws TwoliterException {
        MakeTask task = TASKS.get(name);
        if (task == null) {
            throw TwoliterException.badInput(Names.withHint("task '" + name + "' not found", name, TASKS.keySet(),
                    "List the tasks with 'twoliter make --list'."));
        }
        return task;
    }

    /** Why an unavailable task did nothing, as the CLI prints it. */
    public static String unavailableMessage(MakeTask task) {
        if (task.availability() == UNSUPPORTED) {
            return "task '" + task.name() + "' is not supported: " + TESTSYS + "; nothing was done";
        }
        return "task '" + task.name() + "' (" + task.summary() + ") is not implemented in this version of twoliter"
                + " yet; nothing was done";
    }
}
