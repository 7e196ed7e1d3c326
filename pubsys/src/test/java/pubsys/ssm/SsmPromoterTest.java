package pubsys.ssm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pubsys.aws.AwsClients;
import pubsys.aws.Ec2Arch;
import pubsys.infra.AwsConfig;
import pubsys.testing.AwsEmulator;

/** {@code promote-ssm} against the AWS emulator (pubsys.md §12, S6). */
class SsmPromoterTest {
    static final String SOURCE = "1.20.0-abc1234";
    static final String BASE = "/p/aws-k8s-1.24/arm64/";
    static final Path DEFAULTS = Path.of("src/test/resources/ssm/defaults.toml");
    static final List<String> REGIONS = List.of("us-west-2", "us-east-1");

    final AwsEmulator emu = AwsEmulator.start();
    final AwsClients clients = emu.clients(AwsConfig.empty(), "us-west-2");
    final RecordingSleeper sleeper = new RecordingSleeper();
    final RecordingLog log = new RecordingLog();
    final SsmPromoter promoter = new SsmPromoter(clients, sleeper, log);
    @TempDir
    Path dir;

    @AfterEach
    void stop() {
        clients.close();
        emu.close();
    }

    PromoteRequest request(String source, Optional<Path> output) {
        return new PromoteRequest(REGIONS, Ec2Arch.ARM64, "aws-k8s-1.24", source, "latest", DEFAULTS,
                Optional.of("/p"), output);
    }

    void publishSource() {
        for (String region : REGIONS) {
            emu.putParameter(region, BASE + SOURCE + "/image_id", "ami-" + region);
            emu.putParameter(region, BASE + SOURCE + "/image_version", SOURCE);
        }
    }

    @Test
    void promote_sourcePublished_targetNamesGetSourceValues() throws Exception {
        publishSource();

        SsmOutcome outcome = promoter.promote(request(SOURCE, Optional.empty()));

        for (String region : REGIONS) {
            assertThat(emu.parameters(region)).containsEntry(BASE + "latest/image_id", "ami-" + region)
                    .containsEntry(BASE + "latest/image_version", SOURCE).hasSize(4);
        }
        assertThat(outcome.changed()).hasSize(4);
        assertThat(log.results).contains(BASE + "latest/image_id - us-east-1 - new parameter:",
                "   new value: ami-us-east-1");
        assertThat(emu.calls("PutParameter")).hasSize(4);
    }

    @Test
    void promote_targetAlreadyEqual_noChangesNecessaryAndNoFile() throws Exception {
        publishSource();
        promoter.promote(request(SOURCE, Optional.empty()));
        int puts = emu.calls("PutParameter").size();

        SsmOutcome again = promoter.promote(request(SOURCE, Optional.of(dir.resolve("ssm.json"))));

        assertThat(again.changed()).isEmpty();
        assertThat(log.infos).contains("No changes necessary.");
        assertThat(emu.calls("PutParameter")).hasSize(puts);
        assertThat(dir.resolve("ssm.json")).doesNotExist();
    }

    @Test
    void promote_targetOlderValue_overwrittenWithoutClobberFlag() throws Exception {
        publishSource();
        emu.putParameter("us-west-2", BASE + "latest/image_id", "ami-older");

        promoter.promote(request(SOURCE, Optional.empty()));

        assertThat(emu.parameters("us-west-2")).containsEntry(BASE + "latest/image_id", "ami-us-west-2");
        assertThat(log.results).containsSubsequence(BASE + "latest/image_id - us-west-2 - changing value:",
                "   old value: ami-older", "   new value: ami-us-west-2");
    }

    @Test
    void promote_noSourceParameters_foundNoParametersInSourceVersion() {
        assertThatThrownBy(() -> promoter.promote(request("9.9.9", Optional.empty())))
                .hasMessageStartingWith("Found no parameters in source version 9.9.9");
        assertThat(emu.calls("PutParameter")).isEmpty();
    }

    // S6: the existing file's entries stay, promoted values win on a collision.
    @Test
    void promote_existingOutputFile_mergedWithPromotedValuesWinning() throws Exception {
        publishSource();
        Path output = dir.resolve("ssm.json");
        Map<SsmKey, String> existing = new TreeMap<>(Map.of(
                new SsmKey("us-west-2", BASE + SOURCE + "/image_id"), "ami-us-west-2",
                new SsmKey("us-west-2", BASE + "latest/image_id"), "ami-stale",
                new SsmKey("us-east-1", "/p/unpromoted"), "kept"));
        ParameterFile.write(output, existing);

        promoter.promote(request(SOURCE, Optional.of(output)));

        Map<SsmKey, String> expected = new TreeMap<>(existing);
        for (String region : REGIONS) {
            expected.put(new SsmKey(region, BASE + "latest/image_id"), "ami-" + region);
            expected.put(new SsmKey(region, BASE + "latest/image_version"), SOURCE);
        }
        assertThat(ParameterFile.read(output)).isEqualTo(expected);
    }

    @Test
    void promote_nameUsesImageId_errorNamesVariable() throws Exception {
        Path templates = dir.resolve("t.toml");
        Files.writeString(templates, "[[parameter]]\nname = \"{variant}/{image_id}\"\nvalue = \"{image_id}\"\n");

        assertThatThrownBy(() -> promoter.promote(new PromoteRequest(REGIONS, Ec2Arch.ARM64, "aws-k8s-1.24", SOURCE,
                "latest", templates, Optional.empty(), Optional.empty())))
                .hasMessageContaining("unknown variable 'image_id'")
                .hasMessageContaining("[arch, image_version, variant]");
        assertThat(emu.calls()).isEmpty();
    }

    @Test
    void plan_promote_sourceAndTargetReadsThenTargetPuts() throws Exception {
        SsmPlan plan = promoter.plan(new PromoteRequest(List.of("us-west-2"), Ec2Arch.ARM64, "aws-k8s-1.24",
                SOURCE, "latest", DEFAULTS, Optional.of("/p"), Optional.empty()));

        assertThat(plan.parameters()).containsExactly(
                Map.entry(new SsmKey("us-west-2", BASE + "latest/image_id"), BASE + SOURCE + "/image_id"),
                Map.entry(new SsmKey("us-west-2", BASE + "latest/image_version"), BASE + SOURCE + "/image_version"));
        assertThat(plan.calls()).extracting(PlannedCall::toString).containsExactly(
                "ssm GetParameters us-west-2: " + BASE + SOURCE + "/image_id, " + BASE + SOURCE + "/image_version",
                "ssm GetParameters us-west-2: " + BASE + "latest/image_id, " + BASE + "latest/image_version",
                "ssm PutParameter us-west-2: " + BASE + "latest/image_id, " + BASE + "latest/image_version");
        assertThat(emu.calls()).isEmpty();
    }
}
