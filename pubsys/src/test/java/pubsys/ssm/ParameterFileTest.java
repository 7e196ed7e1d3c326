package pubsys.ssm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParameterFileTest {
    // S5 (pubsys.md §16): regions and names sorted.
    @Test
    void render_threeParameters_groupedByRegionSorted() throws Exception {
        Map<SsmKey, String> params = Map.of(
                new SsmKey("us-west-2", "test2-parameter-name"), "test2-parameter-value",
                new SsmKey("us-east-1", "test3-parameter-name"), "test3-parameter-value",
                new SsmKey("us-west-2", "test1-parameter-name"), "test1-parameter-value");

        String json = ParameterFile.render(params);

        assertThat(json).isEqualTo("""
                {
                  "us-east-1": {
                    "test3-parameter-name": "test3-parameter-value"
                  },
                  "us-west-2": {
                    "test1-parameter-name": "test1-parameter-value",
                    "test2-parameter-name": "test2-parameter-value"
                  }
                }
                """);
        assertThat(ParameterFile.parse(json, "x")).isEqualTo(params);
    }

    @Test
    void render_empty_emptyObject() {
        assertThat(ParameterFile.render(Map.of())).isEqualTo("{}\n");
    }

    @Test
    void write_thenRead_sameParameters(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("out/ssm-params.json");
        Map<SsmKey, String> params = Map.of(new SsmKey("us-west-2", "/a/b"), "v");

        ParameterFile.write(file, params);

        assertThat(ParameterFile.read(file)).isEqualTo(params);
        try (var listing = Files.list(file.getParent())) {
            assertThat(listing).containsExactly(file);
        }
    }

    @Test
    void readIfExists_noFile_empty(@TempDir Path dir) throws Exception {
        assertThat(ParameterFile.readIfExists(dir.resolve("none.json"))).isEmpty();
    }

    @Test
    void read_noFile_errorNamesPath(@TempDir Path dir) {
        assertThatThrownBy(() -> ParameterFile.read(dir.resolve("none.json"))).hasMessageContaining("none.json")
                .hasMessageContaining("does not exist");
    }

    @Test
    void parse_nonStringValue_errorNamesParameterAndRegion() {
        assertThatThrownBy(() -> ParameterFile.parse("{\"us-west-2\": {\"/a\": 3}}", "expected.json"))
                .hasMessageContaining("expected.json").hasMessageContaining("'/a'").hasMessageContaining("'us-west-2'");
    }

    @Test
    void parseByRegion_regionWithoutParameters_kept() throws Exception {
        assertThat(ParameterFile.parseByRegion("{\"us-west-2\": {}}", "x")).containsOnlyKeys("us-west-2");
    }
}
