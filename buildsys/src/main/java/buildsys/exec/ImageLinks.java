package buildsys.exec;

import buildsys.cache.ActionResult;
import buildsys.cache.OutputFile;
import buildsys.image.ImageArtifact;
import buildsys.image.ImageNames;
import buildsys.image.Symlink;
import buildsys.manifest.ImageFormat;
import buildsys.manifest.PartitionPlan;
import buildsys.manifest.VariantName;
import buildsys.plan.Action;
import common.TwoliterException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The relative symlinks upstream puts beside a variant's images ({@code bottlerocket-aws-dev-x86_64.img.lz4} and
 * friends) and {@code build/images/<arch>-<variant>/latest}. Made after every materialization, so a cache hit
 * updates {@code latest} too; each link is replaced atomically.
 */
final class ImageLinks {
    private ImageLinks() {
    }

    static ImageNames names(Action action) throws TwoliterException {
        return new ImageNames(action.env().get("IMAGE_NAME"), VariantName.parse(action.env().get("VARIANT")),
                action.arch(), action.env().get("VERSION_ID"), action.env().get("BUILD_ID"));
    }

    static void create(Path versionDir, Action action, ActionResult result) throws IOException, TwoliterException {
        ImageNames names = names(action);
        Set<String> produced = result.outputs().stream().map(OutputFile::path).collect(Collectors.toSet());
        ImageFormat format = ImageFormat.fromKey(action.env().get("IMAGE_FORMAT")).orElseThrow();
        PartitionPlan plan = PartitionPlan.fromKey(action.env().get("PARTITION_PLAN")).orElseThrow();
        for (ImageArtifact artifact : names.artifacts(format, plan)) {
            if (produced.contains(artifact.fileName())) {
                for (Symlink link : artifact.symlinks()) {
                    replaceLink(versionDir.resolve(link.name()), link.target());
                }
            }
        }
        Symlink latest = names.latestSymlink();
        replaceLink(versionDir.getParent().resolve(latest.name()), latest.target());
    }

    private static void replaceLink(Path link, String target) throws IOException {
        Path tmp = link.resolveSibling("." + link.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
        Files.deleteIfExists(tmp);
        Files.createSymbolicLink(tmp, Path.of(target));
        common.AtomicFiles.move(tmp, link);
    }
}
