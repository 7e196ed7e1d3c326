package twoliter.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import net.jpountz.lz4.LZ4FrameInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import pubsys.testing.AwsEmulator;
import twoliter.SampleProject;

/**
 * {@code twoliter make ami} and the tasks after it, as a user runs them: the sample variant is built for real (Docker),
 * then published to the AWS emulator, which the CLI reaches through {@code AWS_ENDPOINT_URL} like any local AWS
 * emulator. Checks what the emulator received against the image files, read independently here.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AmiIT {
    private static final String VARIANT = "aws-k8s-1.29-nvidia";
    private static final String REGIONS = "PUBLISH_REGIONS=us-west-2,us-east-1";
    private static final int BLOCK = 512 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    private Path project;
    private Twoliter twoliter;
    private AwsEmulator emu;

    @BeforeAll
    void buildVariant(@TempDir Path dir) throws Exception {
        project = SampleProject.copyTo(dir.resolve("project"));
        twoliter = new Twoliter(project, dir.resolve("cache"));
        Twoliter.Result build = twoliter.run("build", "variant", VARIANT, "--arch", "x86_64");
        assertThat(build.exitCode()).as(build.output()).isZero();
        emu = AwsEmulator.start();
        Map<String, String> env = new java.util.HashMap<>(emu.env());
        env.put("NO_PROGRESS", "true");
        twoliter.withEnv(env);
    }

    @AfterAll
    void stopEmulator() {
        if (emu != null) {
            emu.close();
        }
    }

    private Path imageDir() throws Exception {
        return project.resolve("build/images/x86_64-" + VARIANT + "/latest").toRealPath();
    }

    private Path amisJson() throws Exception {
        Path dir = imageDir();
        try (var files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().matches("bottlerocket-.*-1\\.0\\.0-.*-amis\\.json"))
                    .findFirst().orElseThrow(() -> new AssertionError("no amis.json in " + dir));
        }
    }

    private Twoliter.Result make(String... settingsAndTask) throws Exception {
        List<String> args = new ArrayList<>(List.of("make", "--arch", "x86_64", "-e", "BUILDSYS_VARIANT=" + VARIANT));
        for (int i = 0; i < settingsAndTask.length - 1; i++) {
            args.add("-e");
            args.add(settingsAndTask[i]);
        }
        args.add(settingsAndTask[settingsAndTask.length - 1]);
        return twoliter.run(args.toArray(String[]::new));
    }

    /** The base64 SHA-256 of every non-zero 512 KiB block of an .img.lz4, by index, read with lz4-java here. */
    private static SortedMap<Integer, String> nonZeroBlocks(Path lz4) throws Exception {
        SortedMap<Integer, String> blocks = new TreeMap<>();
        try (InputStream in = new LZ4FrameInputStream(Files.newInputStream(lz4))) {
            byte[] block = new byte[BLOCK];
            for (int index = 0; ; index++) {
                int n = in.readNBytes(block, 0, BLOCK);
                if (n <= 0) {
                    break;
                }
                java.util.Arrays.fill(block, n, BLOCK, (byte) 0);
                boolean zero = true;
                for (byte b : block) {
                    if (b != 0) {
                        zero = false;
                        break;
                    }
                }
                if (!zero) {
                    blocks.put(index, Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256")
                            .digest(block)));
                }
                if (n < BLOCK) {
                    break;
                }
            }
        }
        return blocks;
    }

    private Path image(String suffix) throws Exception {
        try (var files = Files.list(imageDir())) {
            return files.filter(f -> f.getFileName().toString().matches("bottlerocket-" + VARIANT
                    + "-x86_64-1\\.0\\.0-[0-9a-f]+" + suffix)).findFirst().orElseThrow();
        }
    }

    @Test
    @Order(1)
    void dryRun_printsTheCallsWithRegions_andCallsNothing() throws Exception {
        Twoliter.Result run = twoliter.run("make", "--dry-run", "--arch", "x86_64", "-e", "BUILDSYS_VARIANT="
                + VARIANT, "-e", REGIONS, "ami");

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output()).contains("us-west-2").contains("us-east-1").contains("RegisterImage")
                .contains("CopyImage").contains("StartSnapshot");
        assertThat(emu.calls()).isEmpty();
        try (var files = Files.list(imageDir())) {
            assertThat(files.map(f -> f.getFileName().toString())).noneMatch(n -> n.endsWith("amis.json"));
        }
    }

    @Test
    @Order(2)
    void ami_uploadsNonZeroBlocks_registersWithTheVariantsLayout_copies_writesAmisJson() throws Exception {
        Twoliter.Result run = make(REGIONS, "ami");

        assertThat(run.exitCode()).as(run.output()).isZero();
        JsonNode amis = JSON.readTree(amisJson().toFile());
        assertThat(amis.fieldNames()).toIterable().containsExactly("us-west-2", "us-east-1");
        assertThat(emu.images("us-west-2")).singleElement().satisfies(image -> {
            assertThat(image.id()).isEqualTo(amis.get("us-west-2").get("id").asText());
            assertThat(image.name()).isEqualTo(amis.get("us-west-2").get("name").asText())
                    .matches("bottlerocket-" + VARIANT + "-x86_64-v1\\.0\\.0-.+");
            // Split layout, os-image-size-gib 4, data 1, publish hint 22: volumes of 4 and 18 GiB.
            assertThat(image.registerParams()).containsEntry("Architecture", "x86_64")
                    .containsEntry("RootDeviceName", "/dev/xvda")
                    .containsEntry("BlockDeviceMapping.1.DeviceName", "/dev/xvda")
                    .containsEntry("BlockDeviceMapping.1.Ebs.VolumeSize", "4")
                    .containsEntry("BlockDeviceMapping.1.Ebs.VolumeType", "gp2")
                    .containsEntry("BlockDeviceMapping.1.Ebs.DeleteOnTermination", "true")
                    .containsEntry("BlockDeviceMapping.2.DeviceName", "/dev/xvdb")
                    .containsEntry("BlockDeviceMapping.2.Ebs.VolumeSize", "18")
                    .containsEntry("EnaSupport", "true").containsEntry("SriovNetSupport", "simple")
                    .containsEntry("VirtualizationType", "hvm").doesNotContainKeys("BootMode", "UefiData");
        });
        assertThat(emu.images("us-east-1")).singleElement().satisfies(copy -> {
            assertThat(copy.id()).isEqualTo(amis.get("us-east-1").get("id").asText());
            assertThat(copy.registerParams()).containsEntry("SourceRegion", "us-west-2")
                    .containsEntry("SourceImageId", amis.get("us-west-2").get("id").asText());
        });
        // What reached EBS is exactly the non-zero blocks of the two images, as read here.
        List<String> snapshots = emu.images("us-west-2").get(0).snapshotIds();
        assertThat(snapshots).hasSize(2);
        int blocks = 0;
        for (AwsEmulator.FakeSnapshot snapshot : emu.snapshots("us-west-2")) {
            assertThat(snapshots).contains(snapshot.id());
            Path file = imageDir().resolve(snapshot.description());
            SortedMap<Integer, String> expected = nonZeroBlocks(file);
            assertThat(snapshot.blockChecksums()).as(file.toString()).isEqualTo(expected);
            blocks += expected.size();
        }
        assertThat(emu.snapshots("us-west-2")).extracting(AwsEmulator.FakeSnapshot::description)
                .containsExactlyInAnyOrder(image("\\.img\\.lz4").getFileName().toString(),
                        image("-data\\.img\\.lz4").getFileName().toString());
        assertThat(emu.calls("PutSnapshotBlock")).hasSize(blocks);
        assertThat(emu.snapshots("us-west-2")).allSatisfy(s -> assertThat(s.state()).isEqualTo("completed"));
        assertThat(Files.readSymbolicLink(imageDir().resolve("bottlerocket-" + VARIANT + "-x86_64-amis.json")))
                .isEqualTo(amisJson().getFileName());
    }

    @Test
    @Order(3)
    void ami_again_findsTheImage_andRegistersNothingNew() throws Exception {
        String before = Files.readString(amisJson());
        int starts = emu.calls("StartSnapshot").size();

        Twoliter.Result run = make(REGIONS, "ami");

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output()).contains("already registered in us-west-2");
        assertThat(emu.calls("StartSnapshot")).hasSize(starts);
        assertThat(emu.calls("RegisterImage")).hasSize(1);
        assertThat(emu.calls("CopyImage")).hasSize(1);
        assertThat(JSON.readTree(amisJson().toFile())).isEqualTo(JSON.readTree(before));
    }

    @Test
    @Order(8)
    void killedHalfwayThroughTheUpload_rerunRegistersOneAmi_andLeavesNoOrphanSnapshot() throws Exception {
        int total = nonZeroBlocks(image("\\.img\\.lz4")).size();
        int already = emu.calls("PutSnapshotBlock").size();
        AtomicReference<Process> running = new AtomicReference<>();
        AtomicInteger puts = new AtomicInteger();
        emu.onCall(call -> {
            if (call.action().equals("PutSnapshotBlock") && puts.incrementAndGet() == total / 2
                    && running.get() != null) {
                running.get().destroyForcibly();
            }
        });
        List<String> args = List.of("make", "--arch", "x86_64", "-e", "BUILDSYS_VARIANT=" + VARIANT, "-e",
                "PUBLISH_REGIONS=us-west-2", "-e", "PUBLISH_AMI_NAME=killed-ami", "ami");
        Process first = twoliter.start(args.toArray(String[]::new));
        running.set(first);
        first.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
        assertThat(first.waitFor(10, TimeUnit.MINUTES)).isTrue();
        assertThat(first.exitValue()).isNotZero();
        running.set(null);
        assertThat(emu.calls("PutSnapshotBlock").size() - already).isLessThan(total);
        assertThat(emu.images("us-west-2")).extracting(AwsEmulator.FakeImage::name).doesNotContain("killed-ami");

        Twoliter.Result again = twoliter.run(args.toArray(String[]::new));

        assertThat(again.exitCode()).as(again.output()).isZero();
        assertThat(emu.images("us-west-2")).filteredOn(i -> i.name().equals("killed-ami")).hasSize(1);
        List<String> inUse = emu.images("us-west-2").stream().flatMap(i -> i.snapshotIds().stream()).toList();
        assertThat(emu.snapshots("us-west-2")).extracting(AwsEmulator.FakeSnapshot::id)
                .as("snapshots no image uses").containsExactlyInAnyOrderElementsOf(inUse);
    }

    @Test
    @Order(4)
    void infraProfileAndRoles_signEveryCallAsAwsUsersExpect(@TempDir Path home) throws Exception {
        Path credentials = home.resolve("credentials");
        Files.writeString(credentials, "[pubsys-it]\naws_access_key_id = AKIDPROFILE\naws_secret_access_key = s\n");
        Files.writeString(project.resolve("Infra.toml"), "[aws]\nprofile = \"pubsys-it\"\n"
                + "role = \"arn:aws:iam::333344445555:role/global\"\n[aws.region.us-east-1]\n"
                + "role = \"arn:aws:iam::222233334444:role/east\"\n");
        int before = emu.calls().size();
        try {
            twoliter.withEnv(Map.of("AWS_SHARED_CREDENTIALS_FILE", credentials.toString(), "AWS_CONFIG_FILE",
                    home.resolve("none").toString()));
            Twoliter.Result run = make(REGIONS, "validate-ami");
            assertThat(run.exitCode()).as(run.output()).isZero();
        } finally {
            Files.delete(project.resolve("Infra.toml"));
        }
        List<AwsEmulator.Call> calls = emu.calls().subList(before, emu.calls().size());
        // The profile's key assumes the global role in the base region; the global role assumes the regional one.
        assertThat(calls).filteredOn(c -> c.action().equals("AssumeRole")).allSatisfy(c ->
                assertThat(c.region()).isEqualTo("us-west-2")).extracting(c -> c.params().get("RoleArn") + " by "
                + c.accessKey().substring(0, Math.min(16, c.accessKey().length())))
                .containsExactlyInAnyOrder("arn:aws:iam::333344445555:role/global by AKIDPROFILE",
                        "arn:aws:iam::222233334444:role/east by ASIA333344445555");
        assertThat(calls).filteredOn(c -> c.action().equals("DescribeImages")).allSatisfy(c ->
                assertThat(c.accessKey()).startsWith(c.region().equals("us-east-1") ? "ASIA222233334444"
                        : "ASIA333344445555"));
    }

    @Test
    @Order(5)
    void amiPublic_thenValidateAmi() throws Exception {
        Twoliter.Result grant = make(REGIONS, "ami-public");

        assertThat(grant.exitCode()).as(grant.output()).isZero();
        JsonNode amis = JSON.readTree(amisJson().toFile());
        for (String region : List.of("us-west-2", "us-east-1")) {
            assertThat(amis.get(region).get("public").asBoolean()).isTrue();
            assertThat(amis.get(region).get("launch_permissions").toString()).contains("{\"group\":\"all\"}");
        }
        Twoliter.Result validate = make(REGIONS, "validate-ami");
        assertThat(validate.exitCode()).as(validate.output()).isZero();
        assertThat(validate.output()).containsPattern("us-west-2 +1 +0 +0 +0")
                .containsPattern("us-east-1 +1 +0 +0 +0");
    }

    @Test
    @Order(6)
    void ssm_setsTheTemplatedParameters_thenNoChanges_validates_andPromotes() throws Exception {
        Files.writeString(project.resolve("Infra.toml"), "[aws]\nssm_prefix = \"/twoliter-it\"\n");
        JsonNode amis = JSON.readTree(amisJson().toFile());

        Twoliter.Result ssm = make(REGIONS, "ssm");

        assertThat(ssm.exitCode()).as(ssm.output()).isZero();
        String version = amisJson().getFileName().toString().replaceAll(".*-x86_64-(1\\.0\\.0-[^-]+)-amis\\.json",
                "$1");
        for (String region : List.of("us-west-2", "us-east-1")) {
            assertThat(emu.parameters(region))
                    .containsEntry("/twoliter-it/" + VARIANT + "/x86_64/" + version + "/image_id",
                            amis.get(region).get("id").asText())
                    .containsEntry("/twoliter-it/" + VARIANT + "/x86_64/" + version + "/image_version", version);
        }
        Twoliter.Result again = make(REGIONS, "ssm");
        assertThat(again.exitCode()).as(again.output()).isZero();
        assertThat(again.output()).contains("No changes necessary.");

        Twoliter.Result validate = make(REGIONS, "validate-ssm");
        assertThat(validate.exitCode()).as(validate.output()).isZero();
        assertThat(validate.output()).doesNotContain("rror");

        Twoliter.Result promote = make(REGIONS, "SSM_TARGET=latest", "promote-ssm");
        assertThat(promote.exitCode()).as(promote.output()).isZero();
        assertThat(emu.parameters("us-east-1")).containsEntry("/twoliter-it/" + VARIANT + "/x86_64/latest/image_id",
                amis.get("us-east-1").get("id").asText());
    }

    @Test
    @Order(7)
    void publishAmiFrontDoor_dryRun_callsNothing() throws Exception {
        int before = emu.calls().size();

        Twoliter.Result run = twoliter.run("publish", "ami", "--variant", VARIANT, "--arch", "x86_64", "--regions",
                "eu-west-1", "--dry-run");

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output()).contains("eu-west-1");
        assertThat(emu.calls()).hasSize(before);
    }
}
