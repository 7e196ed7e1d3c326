package buildsys.exec;

import static org.assertj.core.api.Assertions.assertThat;

import buildsys.TestProject;
import buildsys.kits.ExternalImage;
import buildsys.kits.ExternalKitEnv;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import common.Arch;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KitImageWriterTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private String label(KitImageWriter.Dependencies dependencies) throws IOException {
        new TestProject(dir).file("x86_64/Packages/hello/bottlerocket-hello.x86_64.rpm", "rpm")
                .file("x86_64/repodata/repomd.xml", "<repomd/>");
        Path archive = dir.resolve("my-kit-v1.0.0-abc-x86_64.tar");
        new KitImageWriter("my-kit", "1.0.0", "acme", Arch.X86_64, "1700000000")
                .write(dir.resolve("x86_64"), dependencies, archive);
        Map<String, byte[]> files = new HashMap<>();
        try (InputStream in = Files.newInputStream(archive); TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
            for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
                if (e.isFile()) {
                    files.put(e.getName(), tar.readAllBytes());
                }
            }
        }
        String manifest = JSON.readTree(files.get("./index.json")).path("manifests").get(0).path("digest").asText();
        String config = JSON.readTree(files.get("./blobs/sha256/" + manifest.substring(7))).path("config")
                .path("digest").asText();
        String b64 = JSON.readTree(files.get("./blobs/sha256/" + config.substring(7))).path("config").path("Labels")
                .path(KitImageWriter.LABEL).asText();
        return new String(Base64.getDecoder().decode(b64), StandardCharsets.UTF_8);
    }

    @Test
    void label_listsLocalThenExternalKits_andTheFetchedSdk() throws IOException {
        String label = label(new KitImageWriter.Dependencies(List.of("base-kit"),
                List.of(new ExternalKitEnv.Entry("bottlerocket", "core-kit", "3.1.1")),
                Optional.of(new ExternalImage("bottlerocket-sdk", "bottlerocket", "0.46.0",
                        "public.ecr.aws/bottlerocket/bottlerocket-sdk:v0.46.0", "V2lU="))));

        // buildsys.md §6.2 step 3: sorted keys, compact, the SDK as a full locked image, a trailing newline.
        assertThat(label).isEqualTo("{\"kit\":[{\"name\":\"base-kit\",\"vendor\":\"acme\",\"version\":\"1.0.0\"},"
                + "{\"name\":\"core-kit\",\"vendor\":\"bottlerocket\",\"version\":\"3.1.1\"}],\"name\":\"my-kit\","
                + "\"sdk\":{\"digest\":\"V2lU=\",\"name\":\"bottlerocket-sdk\",\"source\":"
                + "\"public.ecr.aws/bottlerocket/bottlerocket-sdk:v0.46.0\",\"vendor\":\"bottlerocket\","
                + "\"version\":\"0.46.0\"},\"version\":\"1.0.0\"}\n");
    }

    @Test
    void label_withoutFetchedMetadata_keepsTheInTreeSdkPlaceholder() throws IOException {
        JsonNode label = JSON.readTree(label(new KitImageWriter.Dependencies(List.of(), List.of(), Optional.empty())));

        assertThat(label.path("kit")).isEmpty();
        assertThat(label.path("sdk").path("name").asText()).isEqualTo("twoliter-sdk");
    }
}
