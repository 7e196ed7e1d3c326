package buildsys.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ImageLayoutTest {
    // buildsys.md §11 cases 12 and 13.
    @ParameterizedTest
    @CsvSource({
            "2, 1, 22, SPLIT, 2, 20",
            "4, 1, 22, SPLIT, 4, 18",
            "4, 1, 22, UNIFIED, 22, -1",
            "20, 10, 22, SPLIT, 20, 10",
            "2, 1, 22, UNIFIED, 22, -1",
            "30, 10, 22, UNIFIED, 40, -1",
    })
    void publishSizes_followUpstreamArithmetic(int os, int data, int hint, PartitionPlan plan, int expectedOs,
                                               int expectedData) {
        ImageLayout.PublishSizes sizes = new ImageLayout(os, data, hint, plan).publishSizes();

        assertThat(sizes.osGib()).isEqualTo(expectedOs);
        assertThat(sizes.dataGib()).isEqualTo(expectedData);
    }

    @org.junit.jupiter.api.Test
    void defaults_matchUpstream() {
        assertThat(ImageLayout.DEFAULT).isEqualTo(new ImageLayout(2, 1, 22, PartitionPlan.SPLIT));
        assertThat(ImageLayout.DEFAULT.publishSizes()).isEqualTo(new ImageLayout.PublishSizes(2, 20));
    }
}
