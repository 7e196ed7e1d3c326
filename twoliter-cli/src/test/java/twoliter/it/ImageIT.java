package twoliter.it;

import static org.assertj.core.api.Assertions.assertThat;

import buildsys.image.DiskPlan;
import buildsys.image.GptDisk;
import buildsys.image.GptEntry;
import buildsys.image.GptReader;
import buildsys.image.Partition;
import buildsys.image.PartitionPlanner;
import buildsys.manifest.ImageLayout;
import buildsys.manifest.PartitionPlan;
import java.io.RandomAccessFile;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import twoliter.SampleProject;

/**
 * Variant images built for real and taken apart: the GPT against the partition plan, dm-verity against the table
 * in grub.cfg, the root filesystem's content, and the qcow2/vmdk formats.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ImageIT {
    private static final long MIB = 1 << 20;
    private static final String NVIDIA = "aws-k8s-1.29-nvidia";
    private static final Pattern VERITY = Pattern.compile("set dm_verity_root=\"root,,,ro,0 \\d+ verity 1 \\S+ \\S+"
            + " 4096 4096 (\\d+) 1 sha256 ([0-9a-f]{64}) ([0-9a-f]+) ");

    private Twoliter twoliter;
    private Path project;
    private Path work;

    @BeforeAll
    void copySample(@TempDir Path dir) {
        project = SampleProject.copyTo(dir.resolve("project"));
        twoliter = new Twoliter(project, dir.resolve("cache"));
        work = dir.resolve("work");
    }

    private Path latest(String variant, String arch) {
        return project.resolve("build/images/" + arch + "-" + variant + "/latest");
    }

    /** Decompresses an .lz4 output into the work directory (sparse), with the SDK's lz4. */
    private Path unlz4(Path file, String name) throws Exception {
        Files.createDirectories(work);
        Files.copy(file, work.resolve(name + ".lz4"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Docker.sdk(work, "lz4 -d -f -q /d/" + name + ".lz4 /d/" + name + " && rm /d/" + name + ".lz4");
        return work.resolve(name);
    }

    private static void extract(Path disk, Partition partition, Path target) throws Exception {
        try (FileChannel in = FileChannel.open(disk); FileChannel out = FileChannel.open(target,
                StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            long position = partition.startMib() * MIB;
            long remaining = partition.sizeMib() * MIB;
            while (remaining > 0) {
                long moved = in.transferTo(position, remaining, out);
                position += moved;
                remaining -= moved;
            }
        }
    }

    private static void assertMatchesPlan(GptDisk disk, List<Partition> plan) {
        assertThat(disk.entries()).hasSize(plan.size());
        for (int i = 0; i < plan.size(); i++) {
            Partition expected = plan.get(i);
            GptEntry actual = disk.entries().get(i);
            assertThat(actual.number()).as(expected.name()).isEqualTo(i + 1);
            assertThat(actual.name()).as(expected.name()).isEqualTo(expected.label());
            assertThat(actual.type()).as(expected.name()).isEqualTo(expected.type());
            assertThat(actual.firstLba()).as(expected.name()).isEqualTo(expected.firstLba());
            assertThat(actual.lastLba()).as(expected.name()).isEqualTo(expected.lastLba());
            assertThat(actual.attributes()).as(expected.name()).isEqualTo(expected.attributes());
            expected.fixedGuid().ifPresent(guid -> assertThat(actual.guid()).as(expected.name()).isEqualTo(guid));
        }
    }

    @Test
    @Order(1)
    void nvidiaVariant_x86_64_hasUpstreamNamesLinksAndAPlanExactGpt() throws Exception {
        Twoliter.Result build = twoliter.run("build", "variant", NVIDIA, "--arch", "x86_64");
        assertThat(build.exitCode()).as(build.output()).isZero();

        Path dir = latest(NVIDIA, "x86_64");
        String prefix = "bottlerocket-" + NVIDIA + "-x86_64";
        assertThat(Files.isSymbolicLink(dir)).isTrue();
        assertThat(Files.readSymbolicLink(dir.resolve(prefix + ".img.lz4")).toString())
                .isEqualTo(prefix + "-1.0.0-00000000.img.lz4");
        for (String suffix : List.of("-data.img.lz4", "-boot.ext4.lz4", "-root.ext4.lz4", "-root.verity.lz4",
                "-migrations.tar")) {
            assertThat(dir.resolve(prefix + suffix)).as(suffix).isRegularFile();
        }
        assertThat(dir.resolve("application-inventory.json")).content().contains("bottlerocket-hello-agent");

        DiskPlan plan = PartitionPlanner.plan(new ImageLayout(4, 1, 22, PartitionPlan.SPLIT), true);
        Path os = unlz4(dir.resolve(prefix + ".img.lz4"), "os.img");
        assertThat(Files.size(os)).isEqualTo(plan.osDiskMib() * MIB);
        assertMatchesPlan(GptReader.read(os), plan.osDisk().partitions());
        Path data = unlz4(dir.resolve(prefix + "-data.img.lz4"), "data.img");
        assertMatchesPlan(GptReader.read(data), plan.dataDisk().orElseThrow().partitions());
    }

    @Test
    @Order(2)
    void verity_verifiesWithTheTableFromGrubCfg_andFailsAfterOneFlippedByte() throws Exception {
        Path dir = latest(NVIDIA, "x86_64");
        String prefix = "bottlerocket-" + NVIDIA + "-x86_64";
        unlz4(dir.resolve(prefix + "-boot.ext4.lz4"), "boot.ext4");
        String grub = Docker.sdk(work, "debugfs -R 'cat /grub/grub.cfg' /d/boot.ext4 2>/dev/null");
        Matcher table = VERITY.matcher(grub);
        assertThat(table.find()).as(grub).isTrue();
        assertThat(grub).contains("netdog.default-interface=eth0:dhcp4,dhcp6?").contains("initrd ($private)");

        DiskPlan plan = PartitionPlanner.plan(new ImageLayout(4, 1, 22, PartitionPlan.SPLIT), true);
        Path os = work.resolve("os.img");
        extract(os, plan.osDisk().partition("ROOT-A"), work.resolve("root.part"));
        extract(os, plan.osDisk().partition("HASH-A"), work.resolve("hash.part"));
        String rootHash = table.group(2);
        String salt = table.group(3);
        assertThat(Docker.sdk(work, "veritysetup dump /d/hash.part")).containsPattern("Salt:\\s+" + salt);
        assertThat(Docker.sdkExitCode(work, "veritysetup verify /d/root.part /d/hash.part " + rootHash)).isZero();

        try (RandomAccessFile root = new RandomAccessFile(work.resolve("root.part").toFile(), "rw")) {
            root.seek(4096 * 3 + 17);
            int value = root.read();
            root.seek(4096 * 3 + 17);
            root.write(value ^ 0xff);
        }
        assertThat(Docker.sdkExitCode(work, "veritysetup verify /d/root.part /d/hash.part " + rootHash)).isNotZero();
    }

    @Test
    @Order(3)
    void rootFilesystem_holdsHelloAgentForTheArchAndOsReleaseWithTheVariant() throws Exception {
        Path dir = latest(NVIDIA, "x86_64");
        unlz4(dir.resolve("bottlerocket-" + NVIDIA + "-x86_64-root.ext4.lz4"), "root.ext4");
        String sysroot = "/x86_64-bottlerocket-linux-gnu/sys-root/usr";
        String osRelease = Docker.sdk(work, "debugfs -R 'cat " + sysroot + "/lib/os-release' /d/root.ext4"
                + " 2>/dev/null");
        assertThat(osRelease).contains("VARIANT_ID=" + NVIDIA).contains("VERSION_ID=1.0.0")
                .contains("BUILD_ID=00000000");
        String agent = Docker.sdk(work, "debugfs -R 'dump " + sysroot + "/bin/hello-agent /tmp/ha' /d/root.ext4"
                + " >/dev/null 2>&1 && file -b /tmp/ha");
        assertThat(agent).contains("x86-64");
    }

    @Test
    @Order(4)
    void repeat_executesNothing_andKernelParametersRerunOnlyTheImageStep() throws Exception {
        Twoliter.Result again = twoliter.run("build", "variant", NVIDIA, "--arch", "x86_64");
        assertThat(again.summary()).containsEntry("executed", 0L);

        Path manifest = project.resolve("variants/" + NVIDIA + "/Cargo.toml");
        String before = Files.readString(manifest);
        String after = before.replace("\"selinux=0\",", "\"selinux=0\", \"loglevel=4\",");
        assertThat(after).as("the sample variant's kernel parameters end with selinux=0").isNotEqualTo(before);
        Files.writeString(manifest, after);
        Twoliter.Result changed = twoliter.run("build", "variant", NVIDIA, "--arch", "x86_64");
        assertThat(changed.exitCode()).as(changed.output()).isZero();
        assertThat(changed.events()).filteredOn(e -> e.contains("\"status\":\"executed\""))
                .singleElement().asString().contains("\"step\":\"image\"");
    }

    @Test
    @Order(5)
    void metalDev_unified_hasDataAOnTheOsDisk() throws Exception {
        Twoliter.Result build = twoliter.run("build", "variant", "metal-dev", "--arch", "x86_64");
        assertThat(build.exitCode()).as(build.output()).isZero();

        Path dir = latest("metal-dev", "x86_64");
        assertThat(dir.resolve("bottlerocket-metal-dev-x86_64-data.img.lz4")).doesNotExist();
        DiskPlan plan = PartitionPlanner.plan(new ImageLayout(2, 1, 22, PartitionPlan.UNIFIED), true);
        Path os = unlz4(dir.resolve("bottlerocket-metal-dev-x86_64.img.lz4"), "metal.img");
        assertMatchesPlan(GptReader.read(os), plan.osDisk().partitions());
    }

    @Test
    @Order(6)
    void vmwareDev_vmdk_isReadByQemuImg() throws Exception {
        Twoliter.Result build = twoliter.run("build", "variant", "vmware-dev", "--arch", "x86_64");
        assertThat(build.exitCode()).as(build.output()).isZero();

        Path dir = latest("vmware-dev", "x86_64").toRealPath();
        assertThat(Docker.sdk(dir, "qemu-img info /d/bottlerocket-vmware-dev-x86_64-1.0.0-00000000.vmdk"))
                .contains("file format: vmdk");
    }

    @Test
    @Order(7)
    void qcow2Format_passesQemuImgCheck() throws Exception {
        Path manifest = project.resolve("variants/aws-dev/Cargo.toml");
        Files.writeString(manifest, Files.readString(manifest).replace("[package.metadata.build-variant]",
                "[package.metadata.build-variant]\nimage-format = \"qcow2\""));
        Twoliter.Result build = twoliter.run("build", "variant", "aws-dev", "--arch", "x86_64");
        assertThat(build.exitCode()).as(build.output()).isZero();

        Path dir = latest("aws-dev", "x86_64").toRealPath();
        assertThat(Docker.sdkExitCode(dir, "qemu-img check /d/bottlerocket-aws-dev-x86_64-1.0.0-00000000.qcow2"))
                .isZero();
        assertThat(Docker.sdkExitCode(dir, "qemu-img check /d/bottlerocket-aws-dev-x86_64-1.0.0-00000000-data.qcow2"))
                .isZero();
    }

    @Test
    @Order(8)
    void nvidiaVariant_aarch64_isBuiltWithAnAarch64Root() throws Exception {
        Twoliter.Result build = twoliter.run("build", "variant", NVIDIA, "--arch", "aarch64");
        assertThat(build.exitCode()).as(build.output()).isZero();

        Path dir = latest(NVIDIA, "aarch64");
        assertThat(dir.resolve("bottlerocket-" + NVIDIA + "-aarch64.img.lz4")).exists();
        unlz4(dir.resolve("bottlerocket-" + NVIDIA + "-aarch64-root.ext4.lz4"), "root-arm.ext4");
        String agent = Docker.sdk(work, "debugfs -R 'dump /aarch64-bottlerocket-linux-gnu/sys-root/usr/bin/"
                + "hello-agent /tmp/ha' /d/root-arm.ext4 >/dev/null 2>&1 && file -b /tmp/ha");
        assertThat(agent).contains("ARM aarch64");
        Twoliter.Result again = twoliter.run("build", "variant", NVIDIA, "--arch", "aarch64");
        assertThat(again.summary()).containsEntry("executed", 0L);
    }
}
