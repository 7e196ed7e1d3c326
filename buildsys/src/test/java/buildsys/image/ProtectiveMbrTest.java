package buildsys.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.HexFormat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProtectiveMbrTest {
    // Bytes 0x1c0-0x1cf as sgdisk 1.0.9 wrote them for disks of these sizes (CHS end, first LBA, sector count).
    @ParameterizedTest
    @CsvSource({
            "2097152, 0200ee8a088201000000ffff1f000000",
            "4194304, 0200ee15500501000000ffff3f000000",
            "8388608, 0200ee2aa00a01000000ffff7f000000",
            "16450559, 0200eefefeff01000000fe03fb000000",
            "16450560, 0200eefeffff01000000ff03fb000000",
            "16450561, 0200eeffffff010000000004fb000000",
            "16777216, 0200eeffffff01000000ffffff000000",
    })
    void encode_matchesSgdisk(long sectors, String tableStart) {
        ByteBuffer tail = ProtectiveMbr.encode(sectors);

        byte[] sector = new byte[512];
        tail.get(sector, ProtectiveMbr.OFFSET, tail.remaining());
        assertThat(HexFormat.of().formatHex(sector, 0x1c0, 0x1d0)).isEqualTo(tableStart);
        assertThat(HexFormat.of().formatHex(sector, 0x1b8, 0x1c0)).isEqualTo("0000000000000000");
        assertThat(HexFormat.of().formatHex(sector, 0x1d0, 0x200)).isEqualTo("00".repeat(46) + "55aa");
        assertThat(ProtectiveMbr.isProtective(ByteBuffer.wrap(sector))).isTrue();
    }

    @ParameterizedTest
    @CsvSource({"8589934592, ffffffff"})
    void encode_diskOver2TiB_capsTheSectorCount(long sectors, String count) {
        ByteBuffer tail = ProtectiveMbr.encode(sectors);

        assertThat(HexFormat.of().formatHex(tail.array(), 446 - 440 + 12, 446 - 440 + 16)).isEqualTo(count);
    }
}
