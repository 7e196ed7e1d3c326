package buildsys.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import common.TwoliterException;
import common.toml.TomlFile;
import common.toml.TomlNode;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;

/**
 * The real Bottlerocket specs and variants of the shared conformance corpus (../shared/corpus beside the project,
 * see its README), read straight from the archives. Skipped where the corpus is absent.
 */
class RpmPackageNamesCorpusTest {
    // The module directory is the working directory; the corpus sits beside the project root.
    private static final Path CORPUS = Path.of("../../shared/corpus");
    private static final Pattern SPEC = Pattern.compile("packages/([^/]+)/\\1\\.spec");
    private static final Pattern PACKAGE_MANIFEST = Pattern.compile("packages/([^/]+)/Cargo\\.toml");
    private static final Pattern VARIANT_MANIFEST = Pattern.compile("variants/[^/]+/Cargo\\.toml");

    @Test
    void corpusIfPresent_everyPackageSpecParses_andNamesEveryVariantsIncludedPackages() throws Exception {
        assumeTrue(Files.isDirectory(CORPUS), "no corpus at " + CORPUS.toAbsolutePath().normalize());
        Map<String, String> coreKit = entries(CORPUS.resolve("bottlerocket-core-kit-a10182f.tar.gz"));
        Map<String, String> os = entries(CORPUS.resolve("bottlerocket-91632ff.tar.gz"));

        Set<String> known = new HashSet<>();
        int specs = 0;
        for (Map<String, String> project : List.of(coreKit, os)) {
            for (String path : project.keySet()) {
                var spec = SPEC.matcher(path);
                if (spec.matches() && project.containsKey("packages/" + spec.group(1) + "/Cargo.toml")) {
                    RpmPackageNames names = RpmPackageNames.parse(project.get(path).lines().toList());
                    assertThat(names.withoutPrefix()).as(path).isNotEmpty();
                    known.addAll(names.withoutPrefix());
                    specs++;
                }
            }
        }
        Set<String> included = new HashSet<>();
        int variants = 0;
        for (Map.Entry<String, String> entry : os.entrySet()) {
            if (VARIANT_MANIFEST.matcher(entry.getKey()).matches()) {
                included.addAll(includedPackages(entry.getKey(), entry.getValue()));
                variants++;
            }
        }

        assertThat(coreKit.keySet().stream().filter(p -> PACKAGE_MANIFEST.matcher(p).matches())).hasSize(121);
        assertThat(specs).isEqualTo(121 + 3);
        assertThat(variants).isEqualTo(29);
        assertThat(included).hasSize(35).allMatch(known::contains);
        assertThat(known).contains("kubelet-1.29", "chrony-tools", "nvidia-container-toolkit-k8s",
                "kmod-6.1-nvidia-tesla-535");
    }

    private static List<String> includedPackages(String file, String text) throws TwoliterException {
        TomlNode root = TomlFile.parse(text, file).root();
        return root.optTable("package").orElseThrow().optTable("metadata").orElseThrow()
                .optTable("build-variant").orElseThrow().optStringList("included-packages").orElse(List.of());
    }

    /** The specs and Cargo.toml files of a git-archive tarball, by path. */
    private static Map<String, String> entries(Path archive) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (InputStream in = new GZIPInputStream(new BufferedInputStream(Files.newInputStream(archive)));
             TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
            for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                String name = entry.getName();
                if (entry.isFile() && (name.endsWith(".spec") || name.endsWith("/Cargo.toml"))) {
                    files.put(name, new String(tar.readAllBytes(), StandardCharsets.UTF_8));
                }
            }
        }
        return files;
    }
}
