package pubsys.ami;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import common.TwoliterException;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class ImageLayoutTest {
    @Test
    void volumes_defaultSplit_twoAndTwentyGib() {
        assertThat(ImageLayout.DEFAULT.volumes()).isEqualTo(new ImageLayout.Volumes(2, OptionalInt.of(20)));
    }

    @Test
    void volumes_defaultUnified_oneVolumeOfTwentyTwoGib() {
        ImageLayout unified = new ImageLayout(2, 1, 22, ImageLayout.PartitionPlan.UNIFIED);

        assertThat(unified.volumes()).isEqualTo(new ImageLayout.Volumes(22, OptionalInt.empty()));
    }

    @Test
    void volumes_imagesLargerThanTheHint_useOsPlusData() {
        assertThat(new ImageLayout(4, 30, 22, ImageLayout.PartitionPlan.SPLIT).volumes())
                .isEqualTo(new ImageLayout.Volumes(4, OptionalInt.of(30)));
        assertThat(new ImageLayout(4, 30, 22, ImageLayout.PartitionPlan.UNIFIED).volumes())
                .isEqualTo(new ImageLayout.Volumes(34, OptionalInt.empty()));
    }

    @Test
    void parse_unknownPlan_isBadInputQuotingTheValue() {
        assertThatThrownBy(() -> ImageLayout.PartitionPlan.parse("both")).isInstanceOf(TwoliterException.class)
                .hasMessageContaining("'partition-plan'").hasMessageContaining("got 'both'");
    }

    @Test
    void constructor_zeroSize_namesTheKey() {
        assertThatThrownBy(() -> new ImageLayout(0, 1, 22, ImageLayout.PartitionPlan.SPLIT))
                .hasMessageContaining("'os-image-size-gib'");
    }
}
