package buildsys.plan;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FingerprintTest {
    @Test
    void fieldBoundaries_changeTheDigest() {
        assertThat(new Fingerprint().add("ab").add("c").hex()).isNotEqualTo(new Fingerprint().add("a").add("bc").hex());
    }

    @Test
    void sameFields_sameDigest() {
        assertThat(new Fingerprint().add("k", "v").hex()).isEqualTo(new Fingerprint().add("k", "v").hex())
                .hasSize(64);
    }
}
