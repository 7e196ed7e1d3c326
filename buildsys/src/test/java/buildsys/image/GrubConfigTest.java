package buildsys.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GrubConfigTest {
    private static final VerityTable VERITY = VerityTable.of(235520, VerityTableTest.HASH, VerityTableTest.SALT);
    private static final String TABLE = VERITY.table();
    private static final String FIXED_ARGUMENTS = "root=/dev/dm-0 rootwait ro raid=noautodetect random.trust_cpu=on"
            + " selinux=1 enforcing=1 dm-mod.create=\"$dm_verity_root\" -- systemd.log_target=journal-or-kmsg"
            + " systemd.log_color=0 systemd.show_status=true";

    // buildsys.md §11 case 32. Lines are spelled out rather than a text block because the empty argument, initrd and
    // fallback lines keep their indentation, as upstream's heredoc writes them.
    @Test
    void render_noPrivateVar_case32() {
        GrubConfig config = new GrubConfig("Bottlerocket OS", "1.26.1", "console=tty0 quiet", false, VERITY);

        assertThat(config.render()).isEqualTo(String.join("\n",
                "set default=\"0\"",
                "set timeout=\"0\"",
                "set dm_verity_root=\"" + TABLE + "\"",
                "",
                "menuentry \"Bottlerocket OS 1.26.1\" --unrestricted {",
                "   linux ($root)/vmlinuz \\",
                "       console=tty0 quiet \\",
                "        \\",
                "       root=/dev/dm-0 rootwait ro \\",
                "       raid=noautodetect \\",
                "       random.trust_cpu=on \\",
                "       selinux=1 enforcing=1 \\",
                "       dm-mod.create=\"$dm_verity_root\" \\",
                "       -- \\",
                "       systemd.log_target=journal-or-kmsg \\",
                "       systemd.log_color=0 \\",
                "       systemd.show_status=true",
                "   ",
                "   boot",
                "   ",
                "}",
                ""));
        assertThat(config.linuxArguments()).isEqualTo("console=tty0 quiet " + FIXED_ARGUMENTS);
    }

    @Test
    void render_privateVar_addsBootconfigAndInitrd() {
        GrubConfig config = new GrubConfig("Bottlerocket OS", "1.26.1", "console=tty0", true, VERITY);

        assertThat(config.render()).contains(
                "       console=tty0 \\\n       bootconfig \\\n       root=/dev/dm-0 rootwait ro \\\n",
                "       systemd.show_status=true\n   initrd ($private)/bootconfig.data\n   boot\n   \n}\n");
        assertThat(config.linuxArguments()).isEqualTo("console=tty0 bootconfig " + FIXED_ARGUMENTS);
    }

    @Test
    void variantSelinuxParameter_replacesTheDefault() {
        GrubConfig config = new GrubConfig("Bottlerocket OS", "1.0.0", "console=ttyS0 selinux=0", false, VERITY);

        assertThat(config.render()).doesNotContain("selinux=1").contains("       random.trust_cpu=on \\\n"
                + "       dm-mod.create=");
        assertThat(config.linuxArguments()).isEqualTo("console=ttyS0 selinux=0 "
                + FIXED_ARGUMENTS.replace(" selinux=1 enforcing=1", ""));
        // Only a parameter named selinux counts.
        assertThat(new GrubConfig("B", "1", "myselinux=0", false, VERITY).linuxArguments())
                .contains("selinux=1 enforcing=1");
    }

    @Test
    void linuxArguments_noKernelParameters_startWithRoot() {
        GrubConfig config = new GrubConfig("Bottlerocket OS", "1.0.0", "", false, VERITY);

        assertThat(config.linuxArguments()).isEqualTo(FIXED_ARGUMENTS);
        assertThat(config.render()).contains("   linux ($root)/vmlinuz \\\n        \\\n        \\\n       root=");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "Bottle\"rocket | 1.0.0 | BUILDSYS_PRETTY_NAME",
            "Bottlerocket $x | 1.0.0 | BUILDSYS_PRETTY_NAME",
            "Bottlerocket | 1.0.0\\ | the release version",
    })
    void grubConfig_unquotableTitle_isRejected(String prettyName, String version, String what) {
        assertThatThrownBy(() -> new GrubConfig(prettyName, version, "", false, VERITY))
                .hasMessageStartingWith(what + " is part of the GRUB menu entry title")
                .hasMessageEndingWith("got '" + (what.startsWith("BUILD") ? prettyName : version) + "'");
    }

    @Test
    void grubConfig_lineBreakInKernelParameters_isRejected() {
        assertThatThrownBy(() -> new GrubConfig("Bottlerocket OS", "1.0.0", "quiet\nboot", false, VERITY))
                .hasMessage("'kernel-parameters' must not contain line breaks, got 'quiet\nboot'");
    }
}
