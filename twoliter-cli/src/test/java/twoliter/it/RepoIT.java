package twoliter.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import twoliter.SampleProject;

/**
 * {@code make repo} and its maintenance tasks on a variant's image files, checked by an independent TUF client
 * (tuf-js, installed by scripts/test.sh; TUFJS_DIR names its directory). The image files are stand-ins: the repo tasks
 * publish whatever the variant's image directory holds.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RepoIT {
    private static final Path VERIFY = Path.of("../pubsys/src/test/resources/tuf/verify.mjs").toAbsolutePath();
    private static final ObjectMapper JSON = new ObjectMapper();

    private Path project;
    private Twoliter twoliter;

    @BeforeAll
    void setUp(@TempDir Path dir) throws Exception {
        project = SampleProject.copyTo(dir.resolve("project"));
        twoliter = new Twoliter(project, dir.resolve("cache"));
        images("1.0.0");
    }

    /** The files a build of aws-dev for x86_64 leaves, with stand-in content. */
    private void images(String version) throws Exception {
        Path dir = project.resolve("build/images/x86_64-aws-dev/" + version + "-00000000");
        Files.createDirectories(dir);
        String prefix = "bottlerocket-aws-dev-x86_64-" + version + "-00000000";
        for (String suffix : List.of(".img.lz4", "-data.img.lz4", "-boot.ext4.lz4", "-root.ext4.lz4",
                "-root.verity.lz4")) {
            Files.writeString(dir.resolve(prefix + suffix), prefix + suffix + " content\n");
        }
        Files.write(dir.resolve(prefix + "-migrations.tar"), new byte[10240]);
    }

    private Twoliter.Result make(String... taskAndSettings) throws Exception {
        List<String> args = new java.util.ArrayList<>(List.of("make", "--arch", "x86_64", "-e",
                "BUILDSYS_VARIANT=aws-dev"));
        args.addAll(List.of(taskAndSettings));
        String task = args.remove(args.size() - 1);
        args.add(task);
        return twoliter.run(args.toArray(String[]::new));
    }

    private static int tufJs(Path metadata, Path root, Path targets) throws Exception {
        // Where scripts/test.sh installs it unless TUFJS_DIR says otherwise.
        String tufjs = System.getenv().getOrDefault("TUFJS_DIR",
                Path.of(System.getProperty("user.home"), ".cache/twoliter-ci/tufjs").toString());
        assertThat(Path.of(tufjs, "node_modules/tuf-js/package.json"))
                .as("tuf-js must be installed in " + tufjs + " (scripts/test.sh does: npm install tuf-js@5.0.1)")
                .isRegularFile();
        ProcessBuilder builder = new ProcessBuilder("node", VERIFY.toString(), metadata.toString(), root.toString(),
                targets.toString()).redirectErrorStream(true);
        builder.environment().put("TUFJS_DIR", tufjs);
        Process node = builder.start();
        node.getInputStream().transferTo(System.out);
        assertThat(node.waitFor(2, TimeUnit.MINUTES)).isTrue();
        return node.exitValue();
    }

    private Path latest() {
        return project.resolve("build/repos/default/latest");
    }

    private void infra(Path repo) throws Exception {
        Files.writeString(project.resolve("Infra.toml"), "[repo.default]\nmetadata_base_url = \"" + repo.toUri()
                + "\"\ntargets_url = \"" + repo.resolve("targets").toUri() + "\"\n");
    }

    @Test
    @Order(1)
    void repo_isAcceptedByTufJs_withSevenWavesAndTheMigrations() throws Exception {
        Twoliter.Result repo = make("repo");
        assertThat(repo.exitCode()).as(repo.output()).isZero();

        Path metadata = latest().resolve("aws-dev/x86_64");
        assertThat(tufJs(metadata, project.resolve("roles/default.root.json"), latest().resolve("targets")))
                .isZero();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(project.resolve("keys/default.pem"))))
                .isEqualTo("rw-------");
        JsonNode manifest = JSON.readTree(manifestFile(latest()).toFile());
        assertThat(manifest.at("/updates/0/waves")).hasSize(7);
        assertThat(manifest.at("/updates/0/images/boot").asText())
                .isEqualTo("bottlerocket-aws-dev-x86_64-1.0.0-00000000-boot.ext4.lz4");
        assertThat(manifest.get("migrations").has("(0.9.0, 1.0.0)")).isTrue();
        assertThat(repo.output()).doesNotContain("PRIVATE KEY");
    }

    @Test
    @Order(2)
    void tamperedTarget_isRefusedByTufJsAndByValidateRepo(@TempDir Path copy) throws Exception {
        copyTree(latest().toRealPath(), copy);
        Path target;
        try (Stream<Path> files = Files.list(copy.resolve("targets"))) {
            target = files.filter(p -> p.toString().endsWith("-root.ext4.lz4")).findFirst().orElseThrow();
        }
        Files.writeString(target, "tampered content\n");

        assertThat(tufJs(copy.resolve("aws-dev/x86_64"), project.resolve("roles/default.root.json"),
                copy.resolve("targets"))).isNotZero();
        infra(copy);
        Twoliter.Result validate = make("validate-repo");
        assertThat(validate.exitCode()).isEqualTo(1);
        assertThat(validate.output()).contains("the file was altered or truncated");
    }

    @Test
    @Order(3)
    void validateAndExpirations_overFileUrls() throws Exception {
        infra(latest().toRealPath());

        assertThat(make("validate-repo").exitCode()).isZero();
        assertThat(make("-e", "REPO_METADATA_EXPIRING_WITHIN=in 3 days", "check-repo-expirations").exitCode())
                .isZero();
        Twoliter.Result weeks = make("-e", "REPO_METADATA_EXPIRING_WITHIN=in 3 weeks", "check-repo-expirations");
        assertThat(weeks.exitCode()).isEqualTo(1);
        assertThat(weeks.output()).contains("'timestamp' expires at");
    }

    @Test
    @Order(4)
    void secondRelease_extendsTheRepoServedOverHttp_andKeepsOldTargets() throws Exception {
        Path first = latest().toRealPath();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            Path file = first.resolve(exchange.getRequestURI().getPath().substring(1)).normalize();
            boolean found = file.startsWith(first) && Files.isRegularFile(file);
            exchange.sendResponseHeaders(found ? 200 : 404, found ? Files.size(file) : -1);
            if (found) {
                Files.copy(file, exchange.getResponseBody());
            }
            exchange.close();
        });
        server.start();
        try {
            String base = "http://127.0.0.1:" + server.getAddress().getPort() + "/";
            Files.writeString(project.resolve("Infra.toml"), "[repo.default]\nmetadata_base_url = \"" + base
                    + "\"\ntargets_url = \"" + base + "targets/\"\n");
            assertThat(make("validate-repo").exitCode()).isZero();
            bumpVersion("1.0.1");
            images("1.0.1");

            Twoliter.Result repo = make("repo");
            assertThat(repo.exitCode()).as(repo.output()).isZero();
            Twoliter.Result again = make("repo");
            assertThat(again.exitCode()).isEqualTo(2);
            assertThat(again.output()).contains("repo exists at");
        } finally {
            server.stop(0);
        }

        Path second = latest().toRealPath();
        assertThat(second).isNotEqualTo(first);
        JsonNode targets = JSON.readTree(newest(second.resolve("aws-dev/x86_64"), ".targets.json").toFile());
        assertThat(targets.at("/signed/targets").has("bottlerocket-aws-dev-x86_64-1.0.0-00000000-boot.ext4.lz4"))
                .isTrue();
        assertThat(targets.at("/signed/targets").has("bottlerocket-aws-dev-x86_64-1.0.1-00000000-boot.ext4.lz4"))
                .isTrue();
        JsonNode manifest = JSON.readTree(manifestFile(second).toFile());
        assertThat(manifest.get("updates")).hasSize(2);
        // The old targets are listed but their files stay in the first repo: verify the metadata chain with tuf-js
        // on a targets directory holding both.
        copyTree(first.resolve("targets"), second.resolve("targets"));
        assertThat(tufJs(second.resolve("aws-dev/x86_64"), project.resolve("roles/default.root.json"),
                second.resolve("targets"))).isZero();
    }

    @Test
    @Order(5)
    void expiredRepo_failsRepo_andUnsafeRefreshRenewsIt() throws Exception {
        Files.writeString(project.resolve("Infra.toml"), "");
        bumpVersion("1.0.2");
        images("1.0.2");
        assertThat(make("-e", "RELEASE_START_TIME=2020-01-01T00:00:00Z", "repo").exitCode()).isZero();
        Path expired = latest().toRealPath();
        infra(expired);

        Twoliter.Result validate = make("validate-repo");
        assertThat(validate.exitCode()).isEqualTo(1);
        assertThat(validate.output()).contains("expired");
        Twoliter.Result check = make("check-repo-expirations");
        assertThat(check.exitCode()).isEqualTo(1);
        assertThat(check.output()).contains("'timestamp' expired on");
        bumpVersion("1.0.3");
        images("1.0.3");
        Twoliter.Result extend = make("repo");
        assertThat(extend.exitCode()).isEqualTo(1);
        assertThat(extend.output()).contains("expired");
        Twoliter.Result safe = make("refresh-repo");
        assertThat(safe.exitCode()).isNotZero();
        assertThat(safe.output()).contains("REPO_UNSAFE_REFRESH=true");

        Twoliter.Result refresh = make("-e", "REPO_UNSAFE_REFRESH=true", "refresh-repo");
        assertThat(refresh.exitCode()).as(refresh.output()).isZero();
        Path refreshed;
        try (Stream<Path> dirs = Files.list(project.resolve("build/repos/default"))) {
            refreshed = dirs.filter(p -> p.getFileName().toString().startsWith("refresh-")).findFirst().orElseThrow();
        }
        assertThat(tufJs(refreshed.resolve("aws-dev/x86_64"), project.resolve("roles/default.root.json"),
                expired.resolve("targets"))).isZero();
    }

    @Test
    @Order(6)
    void release_extendsARepoReadFromAFileUrl() throws Exception {
        Path second;
        try (Stream<Path> dirs = Files.list(project.resolve("build/repos/default"))) {
            second = dirs.filter(p -> p.getFileName().toString().equals("bottlerocket-1.0.1-00000000"))
                    .findFirst().orElseThrow();
        }
        infra(second);
        bumpVersion("1.0.4");
        images("1.0.4");

        Twoliter.Result repo = make("repo");

        assertThat(repo.exitCode()).as(repo.output()).isZero();
        JsonNode manifest = JSON.readTree(manifestFile(latest().toRealPath()).toFile());
        assertThat(manifest.get("updates")).hasSize(3);
    }

    private void bumpVersion(String version) throws Exception {
        for (String file : List.of("Twoliter.toml", "Release.toml")) {
            Path path = project.resolve(file);
            Files.writeString(path, Files.readString(path).replaceFirst("(?m)^(release-version|version) = \"[^\"]+\"",
                    "$1 = \"" + version + "\""));
        }
    }

    private static Path manifestFile(Path repo) throws Exception {
        try (Stream<Path> files = Files.list(repo.resolve("targets"))) {
            return files.filter(p -> p.getFileName().toString().endsWith(".manifest.json"))
                    .max(java.util.Comparator.comparing(p -> p.toFile().lastModified())).orElseThrow();
        }
    }

    private static Path newest(Path dir, String suffix) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(suffix)).max(java.util.Comparator.naturalOrder())
                    .orElseThrow();
        }
    }

    private static void copyTree(Path from, Path to) throws Exception {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path source : walk.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else if (!Files.exists(target)) {
                    Files.copy(source, target);
                }
            }
        }
    }
}
