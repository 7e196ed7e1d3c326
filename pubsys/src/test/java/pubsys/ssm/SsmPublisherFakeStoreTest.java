package pubsys.ssm;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pubsys.ami.AmiRecord;
import pubsys.ami.AmisFile;
import pubsys.aws.Ec2Arch;

/** {@code ssm} over an in-memory store where the emulator cannot act like AWS. */
class SsmPublisherFakeStoreTest {
    final FakeStore store = new FakeStore();
    final RecordingLog log = new RecordingLog();
    final RecordingSleeper sleeper = new RecordingSleeper();
    @TempDir
    Path dir;

    // S3: a region never published to answers "is not a valid namespace" until its first parameter exists.
    @Test
    void publish_invalidNamespaceRegion_treatedAsNewSetAndValidated() throws Exception {
        AmisFile.write(dir.resolve("amis.json"), Map.of("ap-south-2", AmiRecord.fresh("ami-1", "image")));
        store.invalidNamespaces.add("ap-south-2");
        store.values.put(new SsmKey("ap-south-2", "/p/aws-dev/x86_64/1.0.0/image_id"), "ami-0hidden");
        PublicNamespaceCheck privateImages = new PublicNamespaceCheck((region, id) -> Optional.of(false),
                Clock.systemUTC(), sleeper, log);
        SsmPublisher publisher = new SsmPublisher(store, privateImages, sleeper, log);

        SsmOutcome outcome = publisher.publish(new SsmRequest(dir.resolve("amis.json"), List.of("ap-south-2"),
                Ec2Arch.X86_64, "aws-dev", "1.0.0", Path.of("src/test/resources/ssm/defaults.toml"),
                Optional.of("/p"), false, false, Optional.empty()));

        assertThat(outcome.changed()).containsExactly(
                Map.entry(new SsmKey("ap-south-2", "/p/aws-dev/x86_64/1.0.0/image_id"), "ami-1"),
                Map.entry(new SsmKey("ap-south-2", "/p/aws-dev/x86_64/1.0.0/image_version"), "1.0.0"));
        assertThat(log.warnings).containsExactly(
                "Invalid namespace in ap-south-2, this is OK for the first publish in a region");
        assertThat(log.errors).isEmpty();
    }
}
