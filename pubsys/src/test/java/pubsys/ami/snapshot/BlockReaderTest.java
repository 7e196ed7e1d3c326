package pubsys.ami.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class BlockReaderTest {
    @Test
    void next_shortLastBlock_isPaddedWithZeros() throws IOException {
        byte[] image = new byte[10];
        image[9] = 7;
        BlockReader reader = new BlockReader(new ByteArrayInputStream(image), 4, 10, "x.img");

        BlockReader.Block first = reader.next();
        BlockReader.Block second = reader.next();
        BlockReader.Block third = reader.next();

        assertThat(first.zero()).isTrue();
        assertThat(second.zero()).isTrue();
        assertThat(third.index()).isEqualTo(2);
        assertThat(third.zero()).isFalse();
        assertThat(third.data()).containsExactly(0, 7, 0, 0);
        assertThat(reader.next()).isNull();
    }

    @Test
    void next_streamShorterThanAnnounced_failsNamingTheFile() throws IOException {
        BlockReader reader = new BlockReader(new ByteArrayInputStream(new byte[5]), 4, 10, "x.img");
        reader.next();

        assertThatThrownBy(reader::next).isInstanceOf(IOException.class)
                .hasMessageContaining("'x.img' ended after 5 bytes, expected 10");
    }

    @Test
    void next_streamLongerThanAnnounced_fails() throws IOException {
        BlockReader reader = new BlockReader(new ByteArrayInputStream(new byte[9]), 4, 8, "x.img");
        reader.next();
        reader.next();

        assertThatThrownBy(reader::next).isInstanceOf(IOException.class).hasMessageContaining("more than the 8");
    }
}
