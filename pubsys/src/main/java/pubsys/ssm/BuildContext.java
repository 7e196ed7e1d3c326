package pubsys.ssm;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import pubsys.ami.AmiRecord;
import pubsys.aws.Ec2Arch;

/** What a template may refer to before any image is known: variant, arch (EC2's name) and image version. */
record BuildContext(String variant, Ec2Arch arch, String imageVersion) {
    BuildContext {
        Objects.requireNonNull(variant, "variant");
        Objects.requireNonNull(arch, "arch");
        Objects.requireNonNull(imageVersion, "imageVersion");
    }

    /** {@code variant}, {@code arch}, {@code image_version}: the context of names in {@code promote-ssm}. */
    Map<String, String> variables() {
        Map<String, String> vars = new LinkedHashMap<>();
        vars.put("variant", variant);
        vars.put("arch", arch.ec2());
        vars.put("image_version", imageVersion);
        return vars;
    }

    /** The context of {@code ssm}: the build's variables and {@code image_id}, {@code image_name}, {@code region}. */
    Map<String, String> variables(String region, AmiRecord image) {
        Map<String, String> vars = variables();
        vars.put("image_id", image.id());
        vars.put("image_name", image.name());
        vars.put("region", region);
        return vars;
    }
}
