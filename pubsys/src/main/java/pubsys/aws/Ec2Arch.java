package pubsys.aws;

import common.TwoliterException;
import java.util.Locale;

/**
 * EC2's architecture names. Upstream accepts {@code x86_64}/{@code amd64} and {@code aarch64}/{@code arm64} and
 * sends EC2 {@code x86_64} or {@code arm64}; SSM templates see the EC2 name too (pubsys.md §1, §12).
 */
public enum Ec2Arch {
    X86_64("x86_64", "x86_64"),
    ARM64("arm64", "aarch64");

    private final String ec2;
    private final String build;

    Ec2Arch(String ec2, String build) {
        this.ec2 = ec2;
        this.build = build;
    }

    /** The name EC2 uses ({@code x86_64}, {@code arm64}). */
    public String ec2() {
        return ec2;
    }

    /** The name the build uses ({@code x86_64}, {@code aarch64}). */
    public String build() {
        return build;
    }

    public static Ec2Arch parse(String value) throws TwoliterException {
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "x86_64", "amd64" -> X86_64;
            case "aarch64", "arm64" -> ARM64;
            default -> throw TwoliterException.badInput("unknown architecture '" + value + "'; use x86_64 (amd64) or"
                    + " aarch64 (arm64)");
        };
    }

    @Override
    public String toString() {
        return ec2;
    }
}
