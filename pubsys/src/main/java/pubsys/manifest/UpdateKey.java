package pubsys.manifest;

import java.util.Objects;

/** Which updates of a manifest an operation applies to: every one with this variant, arch and version. */
public record UpdateKey(String variant, String arch, Version version) {
    public UpdateKey {
        Objects.requireNonNull(variant, "variant");
        Objects.requireNonNull(arch, "arch");
        Objects.requireNonNull(version, "version");
    }

    boolean matches(Update update) {
        return update.variant().equals(variant) && update.arch().equals(arch) && update.version().equals(version);
    }
}
