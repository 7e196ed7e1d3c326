package twoliter.kits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import common.TwoliterException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class LockDigestTest {
    @Test
    void of_fixedIndex_matchesDigestComputedIndependently() throws Exception {
        // given: an index with whitespace, unsorted keys, a non-ASCII character and escaped quotes
        byte[] index = Files.readAllBytes(Path.of("src/test/resources/kits/index-fixed.json"));

        // then: the value Python gives for base64(sha256(json.dumps(doc, sort_keys=True, separators=(',', ':'),
        // ensure_ascii=False))), i.e. OLPC canonical JSON for this document
        assertThat(LockDigest.of(index, "fixture")).isEqualTo("kt90PRKRrt0QBKYvBOsO2JmdiAMHO/C42PlDl7lysGE=");
    }

    @Test
    void of_reformattedDocument_sameDigest() throws Exception {
        String compact = "{\"b\":1,\"a\":[true,null,\"x\"]}";
        String spaced = "{ \"a\" : [ true , null , \"x\" ] ,\n \"b\" : 1 }";

        assertThat(LockDigest.of(spaced.getBytes(StandardCharsets.UTF_8), "x"))
                .isEqualTo(LockDigest.of(compact.getBytes(StandardCharsets.UTF_8), "x"));
    }

    @Test
    void of_notJson_namesTheImage() {
        assertThatThrownBy(() -> LockDigest.of("<html>".getBytes(StandardCharsets.UTF_8), "r.example/kit:v1"))
                .isInstanceOf(TwoliterException.class).hasMessageContaining("'r.example/kit:v1'");
    }
}
