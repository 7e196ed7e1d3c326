package buildsys.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VerityTableTest {
    static final String HASH = "4392a3b4e4c5a9a5f9c6ae7f3c1df2f0b0c3a1f1d4e7a8b9c0d1e2f3a4b5c6d7";
    static final String SALT = "a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90";

    // buildsys.md §7.1 step 12: the sector count is the 4 KiB block count times 8.
    @Test
    void table_matchesRpm2img() {
        assertThat(VerityTable.of(235520, HASH, SALT).table()).isEqualTo("root,,,ro,0 1884160 verity 1"
                + " PARTUUID=$boot_uuid/PARTNROFF=1 PARTUUID=$boot_uuid/PARTNROFF=2 4096 4096 235520 1 sha256 "
                + HASH + " " + SALT + " 2 restart_on_corruption ignore_zero_blocks");
    }

    @Test
    void table_noSalt_isADash() {
        assertThat(VerityTable.of(1, HASH, "-").table()).contains(" sha256 " + HASH + " - 2 ");
    }

    @ParameterizedTest
    @CsvSource({
            "0, " + HASH + ", " + SALT + ", veritysetup reported 0 data blocks",
            "1, ABC, " + SALT + ", veritysetup root hash 'ABC' is not 64 lowercase hex digits",
            "1, " + HASH + ", xyz, veritysetup salt 'xyz' is neither '-' nor lowercase hex",
    })
    void of_badVeritysetupOutput_isRejected(long blocks, String hash, String salt, String message) {
        assertThatThrownBy(() -> VerityTable.of(blocks, hash, salt)).hasMessage(message);
    }
}
