package pubsys.ami.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SnapshotGeometryTest {
    private static final long GIB = 1L << 30;

    @Test
    void volumeAndBlocks_oneGibPlusOneByte_twoGibAnd2049Blocks() {
        SnapshotGeometry g = new SnapshotGeometry(GIB + 1, 524288);

        assertThat(g.volumeSizeGiB()).isEqualTo(2);
        assertThat(g.blockCount()).isEqualTo(2049);
    }

    @Test
    void volumeAndBlocks_exactlyOneGib_oneGibAnd2048Blocks() {
        SnapshotGeometry g = new SnapshotGeometry(GIB, 524288);

        assertThat(g.volumeSizeGiB()).isEqualTo(1);
        assertThat(g.blockCount()).isEqualTo(2048);
    }

    @Test
    void volumeAndBlocks_oneByte_atLeastOneGibAndOneBlock() {
        SnapshotGeometry g = new SnapshotGeometry(1, 524288);

        assertThat(g.volumeSizeGiB()).isEqualTo(1);
        assertThat(g.blockCount()).isEqualTo(1);
    }

    @Test
    void constructor_zeroBlockSize_isRejected() {
        assertThatThrownBy(() -> new SnapshotGeometry(1, 0)).hasMessageContaining("block size");
    }
}
