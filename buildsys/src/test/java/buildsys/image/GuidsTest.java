package buildsys.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GuidsTest {
    // The bytes sgdisk wrote for these type GUIDs (xxd of its partition array).
    @ParameterizedTest
    @CsvSource({
            "21686148-6449-6e6f-744e-656564454649, 4861682149646f6e744e656564454649",
            "c12a7328-f81f-11d2-ba4b-00a0c93ec93b, 28732ac11ff8d211ba4b00a0c93ec93b",
            "00000003-0000-4000-8000-000000000003, 03000000000000408000000000000003",
    })
    void put_mixedEndian_matchesSgdisk(UUID guid, String bytes) {
        ByteBuffer buffer = ByteBuffer.allocate(16);

        Guids.put(buffer, guid);

        assertThat(HexFormat.of().formatHex(buffer.array())).isEqualTo(bytes);
        assertThat(buffer.position()).isEqualTo(16);
        assertThat(Guids.get(buffer.flip())).isEqualTo(guid);
    }
}
