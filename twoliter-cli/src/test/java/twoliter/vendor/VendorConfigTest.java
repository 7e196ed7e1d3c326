package twoliter.vendor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import common.TwoliterException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VendorConfigTest {
    @TempDir
    Path dir;

    private VendorConfig read(String toml) throws Exception {
        Files.writeString(dir.resolve(VendorConfig.FILE), toml);
        return VendorConfig.read(dir);
    }

    @Test
    void read_noFile_ignoresAndPinsNothing() throws Exception {
        assertThat(VendorConfig.read(dir)).isEqualTo(VendorConfig.none());
    }

    @Test
    void read_ignoreAndPin_areNameSets() throws Exception {
        VendorConfig config = read("ignore = [\"big.tar.xz\", \"sdk\"]\npin = [\"core-kit\"]\n");

        assertThat(config.ignore()).containsExactlyInAnyOrder("big.tar.xz", "sdk");
        assertThat(config.pin()).containsExactly("core-kit");
        assertThat(config.ignores(new VendorItem(VendorItem.Kind.SDK, "twoliter-sdk:0123", "id"))).isTrue();
        assertThat(config.ignores(new VendorItem(VendorItem.Kind.FILE, "sdk", "x"))).isTrue();
        assertThat(config.pins(new VendorItem(VendorItem.Kind.KIT, "core-kit", "d"))).isTrue();
    }

    @Test
    void read_unknownKey_namesItAndTheKeys() {
        assertThatThrownBy(() -> read("ignored = [\"a\"]\n")).isInstanceOf(TwoliterException.class)
                .hasMessageContaining("'ignored'").hasMessageContaining("'ignore' and 'pin'");
    }

    @Test
    void read_notAnArrayOfStrings_quotesTheKey() {
        assertThatThrownBy(() -> read("pin = [1]\n")).isInstanceOf(TwoliterException.class)
                .hasMessageContaining("'pin'").hasMessageContaining("array of strings");
    }

    @Test
    void read_nameBothIgnoredAndPinned_isRejected() {
        assertThatThrownBy(() -> read("ignore = [\"a.tar\"]\npin = [\"a.tar\"]\n"))
                .isInstanceOf(TwoliterException.class).hasMessageContaining("'a.tar'")
                .hasMessageContaining("remove it from one of them");
    }

    @Test
    void read_duplicateName_isRejected() {
        assertThatThrownBy(() -> read("ignore = [\"a.tar\", \"a.tar\"]\n")).isInstanceOf(TwoliterException.class)
                .hasMessageContaining("'a.tar' twice");
    }

    @Test
    void twoliterRc_relativeVendorDir_isTakenFromTheProjectRoot() throws Exception {
        Files.writeString(dir.resolve(TwoliterRc.FILE), "vendor-dir = \"vendor\"\n");

        assertThat(TwoliterRc.read(dir).vendorDir()).contains(dir.resolve("vendor"));
    }

    @Test
    void twoliterRc_unknownKey_isRejected() throws Exception {
        Files.writeString(dir.resolve(TwoliterRc.FILE), "vendor_dir = \"vendor\"\n");

        assertThatThrownBy(() -> TwoliterRc.read(dir)).isInstanceOf(TwoliterException.class)
                .hasMessageContaining("'vendor_dir'").hasMessageContaining("'vendor-dir'");
    }
}
