package pubsys.ami;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import pubsys.aws.Ec2Arch;

/** Requests for tests: x86_64, default layout, no secure boot, unless changed. */
final class AmiRequests {
    static final String NAME = "bottlerocket-aws-k8s-1.30-x86_64-v1.20.0-abc1234";

    private AmiRequests() {
    }

    static AmiRequest of(Path os, Optional<Path> data, Path uefi, List<String> regions, ImageLayout layout,
                         boolean secureBoot, Optional<Path> output) {
        return new AmiRequest(os, data, uefi, Ec2Arch.X86_64, NAME, Optional.of("test image"), regions, layout,
                secureBoot, output);
    }
}
