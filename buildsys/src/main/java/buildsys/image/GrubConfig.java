package buildsys.image;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The {@code grub.cfg} on the boot partition, byte for byte as upstream's rpm2img writes it without Secure Boot
 * (buildsys.md §7.1 step 13): no menu, one entry booting the kernel on a dm-verity root. It does not define
 * {@code $boot_uuid} or {@code $private}: the configuration embedded in Bottlerocket's GRUB image sets them before it
 * loads this file ({@code gptprio.next -d boot_dev -u boot_uuid}, {@code export boot_uuid}, and a search for the
 * partition labelled BOTTLEROCKET-PRIVATE). One deviation: when the variant's kernel parameters set {@code selinux=},
 * upstream's fixed {@code selinux=1 enforcing=1} line is left out.
 */
public record GrubConfig(String prettyName, String versionId, String kernelParameters, boolean grubSetPrivateVar,
                         VerityTable verity) {
    private static final String ENTRY_INDENT = "   ";
    private static final String ARGUMENT_INDENT = "       ";
    private static final String SELINUX_DEFAULT = "selinux=1 enforcing=1";
    private static final List<String> FIXED_ARGUMENTS = List.of(
            "root=/dev/dm-0 rootwait ro",
            "raid=noautodetect",
            "random.trust_cpu=on",
            SELINUX_DEFAULT,
            "dm-mod.create=\"$dm_verity_root\"",
            "--",
            "systemd.log_target=journal-or-kmsg",
            "systemd.log_color=0",
            "systemd.show_status=true");

    public GrubConfig {
        requireQuotable(prettyName, "BUILDSYS_PRETTY_NAME");
        requireQuotable(versionId, "the release version");
        Objects.requireNonNull(kernelParameters);
        Objects.requireNonNull(verity);
        if (kernelParameters.contains("\n") || kernelParameters.contains("\r")) {
            throw new IllegalArgumentException("'kernel-parameters' must not contain line breaks, got '"
                    + kernelParameters + "'");
        }
    }

    public String render() {
        List<String> lines = new ArrayList<>();
        lines.add("set default=\"0\"");
        lines.add("set timeout=\"0\"");
        lines.add("set dm_verity_root=\"" + verity.table() + "\"");
        lines.add("");
        lines.add("menuentry \"" + prettyName + " " + versionId + "\" --unrestricted {");
        lines.add(ENTRY_INDENT + "linux ($root)/vmlinuz \\");
        // One argument group per line, joined by backslash continuations; an empty group (no kernel parameters, no
        // bootconfig) still gets its line, as in upstream's heredoc.
        List<String> arguments = argumentGroups();
        for (int i = 0; i < arguments.size(); i++) {
            boolean last = i == arguments.size() - 1;
            lines.add(ARGUMENT_INDENT + arguments.get(i) + (last ? "" : " \\"));
        }
        lines.add(ENTRY_INDENT + (grubSetPrivateVar ? "initrd ($private)/bootconfig.data" : ""));
        lines.add(ENTRY_INDENT + "boot");
        // Where Secure Boot builds put their reboot fallback.
        lines.add(ENTRY_INDENT);
        lines.add("}");
        return String.join("\n", lines) + "\n";
    }

    /** The kernel command line as GRUB passes it, after joining the continuation lines and dropping empty groups. */
    public String linuxArguments() {
        return argumentGroups().stream().filter(s -> !s.isBlank()).collect(Collectors.joining(" "));
    }

    private List<String> argumentGroups() {
        List<String> groups = new ArrayList<>();
        groups.add(kernelParameters);
        // The kernel reads bootconfig.data, which the initrd line loads from the private partition.
        groups.add(grubSetPrivateVar ? "bootconfig" : "");
        // A variant that sets selinux= itself (e.g. selinux=0, for an image without a policy) replaces upstream's
        // default: the kernel takes the last value, so the default after it would win.
        boolean ownSelinux = java.util.Arrays.stream(kernelParameters.split("\\s+"))
                .anyMatch(p -> p.startsWith("selinux="));
        FIXED_ARGUMENTS.stream().filter(a -> !(ownSelinux && a.equals(SELINUX_DEFAULT))).forEach(groups::add);
        return groups;
    }

    // GRUB would expand '$' and end the quoted title at '"' or a line break.
    private static void requireQuotable(String value, String what) {
        Objects.requireNonNull(value, what);
        if (value.chars().anyMatch(c -> c == '"' || c == '$' || c == '\\' || c == '\n' || c == '\r')) {
            throw new IllegalArgumentException(what + " is part of the GRUB menu entry title and must not contain"
                    + " '\"', '$', '\\' or line breaks, got '" + value + "'");
        }
    }
}
