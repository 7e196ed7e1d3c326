package pubsys.ami;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import common.TwoliterException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pubsys.aws.Ec2Arch;

class SnapshotJournalTest {
    @TempDir
    Path dir;

    private static SnapshotJournal.Entry entry(String id) {
        return new SnapshotJournal.Entry("us-west-2", id, "n", Ec2Arch.ARM64);
    }

    @Test
    void beside_amisJson_isTheSameNameWithPending() {
        assertThat(SnapshotJournal.beside(dir.resolve("x-amis.json")).file()).isEqualTo(dir.resolve(
                "x-amis.json.pending"));
    }

    @Test
    void addThenRemove_lastEntryRemoved_deletesTheFile() throws Exception {
        SnapshotJournal journal = SnapshotJournal.beside(dir.resolve("amis.json"));

        journal.add(entry("snap-1"));
        journal.add(entry("snap-2"));
        List<SnapshotJournal.Entry> both = journal.read();
        journal.remove(List.of(entry("snap-1")));
        List<SnapshotJournal.Entry> one = new SnapshotJournal(journal.file()).read();
        journal.remove(List.of(entry("snap-2")));

        assertThat(both).containsExactly(entry("snap-1"), entry("snap-2"));
        assertThat(one).containsExactly(entry("snap-2"));
        assertThat(journal.file()).doesNotExist();
        assertThat(journal.read()).isEmpty();
    }

    @Test
    void read_damagedFile_isBadInputNamingTheFileAndTheFix() throws Exception {
        Path file = Files.writeString(dir.resolve("amis.json.pending"), "{\"snapshots\": [{\"region\": \"r\"}]}");

        assertThatThrownBy(() -> new SnapshotJournal(file).read()).isInstanceOf(TwoliterException.class)
                .hasMessageContaining("'" + file + "' is damaged").hasMessageContaining("no 'id'")
                .hasMessageContaining("then delete the file");
    }
}
