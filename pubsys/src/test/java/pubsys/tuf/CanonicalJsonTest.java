package pubsys.tuf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CanonicalJsonTest {
    private static String canon(String json) throws Exception {
        return new String(CanonicalJson.bytes(TufJson.MAPPER.readTree(json)), StandardCharsets.UTF_8);
    }

    @Test
    void bytes_t3Sample_sortsKeysAndEscapesOnlyQuoteAndBackslash() throws Exception {
        // pubsys.md §16 T3
        assertThat(canon("{\"b\":1,\"a\":\"x\\ny\",\"c\":\"q\\\"\\\\\"}"))
                .isEqualTo("{\"a\":\"x\ny\",\"b\":1,\"c\":\"q\\\"\\\\\"}");
    }

    @Test
    void bytes_trickySample_matchesExpectedBytes() throws Exception {
        String json = "{ \"z\": [1, true, null, false], \"é\": \"caf\\u00e9 \\\"q\\\" \\\\ back\","
                + " \"\\u0001ctl\": \"a\\u0001b\\tc\\nd\", \"😀\": \"emoji 😀\", \"\\uffff\": 0,"
                + " \"big\": 123456789012345678901234567890, \"neg\": -7, \"nested\": {\"b\": {}, \"a\": []} }";
        byte[] expected = ("{\"\u0001ctl\":\"a\u0001b\tc\nd\",\"big\":123456789012345678901234567890,"
                + "\"neg\":-7,\"nested\":{\"a\":[],\"b\":{}},\"z\":[1,true,null,false],"
                + "\"é\":\"café \\\"q\\\" \\\\ back\",\"\uffff\":0,\"😀\":\"emoji 😀\"}")
                .getBytes(StandardCharsets.UTF_8);
        assertThat(CanonicalJson.bytes(TufJson.MAPPER.readTree(json))).isEqualTo(expected);
    }

    @Test
    void bytes_emojiKeyAfterBmpPrivateUseKey_sortsByCodePointNotUtf16() throws Exception {
        // UTF-16 order would put U+1F600 (surrogates D83D..) before U+FFFF; tough sorts by UTF-8 bytes.
        assertThat(canon("{\"😀\":1,\"\\uffff\":2}")).isEqualTo("{\"\uffff\":2,\"😀\":1}");
    }

    @Test
    void bytes_decomposedString_isNfcNormalizedAsOlpcCjson() throws Exception {
        assertThat(canon("{\"k\":\"e\\u0301\"}")).isEqualTo("{\"k\":\"\u00e9\"}");
    }

    @Test
    void bytes_float_isRejected() {
        assertThatThrownBy(() -> canon("{\"a\":[{\"b\":1.5}]}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'1.5'");
    }
}
