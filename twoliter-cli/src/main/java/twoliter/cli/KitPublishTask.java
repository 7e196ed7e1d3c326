package twoliter.cli;

import buildsys.manifest.ManifestKind;
import common.TwoliterException;
import java.nio.file.Path;
import java.util.Map;
import oci.OciClient;
import pubsys.infra.InfraConfig;
import twoliter.kits.publish.KitPublisher;
import twoliter.project.BuildId;
import twoliter.project.Project;

/**
 * {@code twoliter publish kit} and the make task {@code publish-kit}: finds the vendor's registry (Infra.toml's
 * {@code [vendor.<V>]}, else Twoliter.toml's), then pushes the kit's archives and index.
 */
final class KitPublishTask {
    private final TwoliterCommand root;
    private final Map<String, String> settings;

    KitPublishTask(TwoliterCommand root, Map<String, String> settings) {
        this.root = root;
        this.settings = Map.copyOf(settings);
    }

    int run(String kit, String vendor, String repo) throws TwoliterException {
        Project project = root.project();
        String name = root.buildsys().graph().manifest(BuildCommand.find(root, ManifestKind.KIT, kit, "kit")).name();
        String registry = registry(project, vendor);
        String buildId = BuildId.detect(project.root(), settings);
        KitPublisher.Request request = new KitPublisher.Request(project.root().resolve("build/kits").resolve(name),
                name, project.config().releaseVersion(), buildId, registry, repo == null || repo.isBlank() ? name
                : repo.strip());
        KitPublisher.Published published = new KitPublisher(OciClient.create()).publish(request);
        Console console = root.console();
        for (KitPublisher.PushedImage image : published.images()) {
            console.info("pushed kit '" + name + "' for " + image.arch() + " to " + image.uri() + " ("
                    + image.digest() + ")");
        }
        console.result(published.indexUri() + "@" + published.indexDigest());
        return 0;
    }

    private String registry(Project project, String vendor) throws TwoliterException {
        String infraPath = settings.get("PUBLISH_INFRA_CONFIG_PATH");
        Path infra = infraPath != null && !infraPath.isBlank() ? root.environment().workingDir().resolve(infraPath)
                : project.root().resolve("Infra.toml");
        String registry = InfraConfig.load(infra, false).vendors().get(vendor);
        if (registry == null) {
            registry = project.config().vendorRegistries().get(vendor);
        }
        if (registry == null || registry.isBlank()) {
            throw TwoliterException.badInput("vendor '" + vendor + "' has no registry: neither '" + infra
                    + "' nor Twoliter.toml has a [vendor." + vendor + "] table; add one with registry ="
                    + " \"<host>[/<path>]\"");
        }
        return registry;
    }
}
