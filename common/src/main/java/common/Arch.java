package common;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** A target architecture of the OS images: the two Bottlerocket supports. */
public enum Arch {
    X86_64("x86_64", "amd64"),
    AARCH64("aarch64", "arm64");

    private final String id;
    private final String goArch;

    Arch(String id, String goArch) {
        this.id = id;
        this.goArch = goArch;
    }

    /** The name used in file names, RPMs and flags: {@code x86_64} or {@code aarch64}. */
    public String id() {
        return id;
    }

    /** The Go / OCI platform name: {@code amd64} or {@code arm64}. */
    public String goArch() {
        return goArch;
    }

    @Override
    public String toString() {
        return id;
    }

    /**
     * Parses an architecture as written in flags and environment variables.
     *
     * @param where names the source of the value for the error message, e.g. {@code "--arch"} or {@code "BUILDSYS_ARCH"}
     */
    public static Arch parse(String value, String where) throws TwoliterException {
        for (Arch arch : values()) {
            if (arch.id.equals(value)) {
                return arch;
            }
        }
        String hint = "";
        for (Arch arch : values()) {
            if (arch.goArch.equals(value)) {
                hint = "; did you mean '" + arch.id + "'?";
            }
        }
        throw TwoliterException.badInput("unsupported architecture '" + value + "' in " + where + "; supported are "
                + supportedList() + hint);
    }

    /** The architecture of this machine, as {@code uname -m} names it. */
    public static Arch host() {
        String osArch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        return switch (osArch) {
            case "aarch64", "arm64" -> AARCH64;
            default -> X86_64;
        };
    }

    public static String supportedList() {
        return Arrays.stream(values()).map(Arch::id).collect(Collectors.joining(" and "));
    }
}
