package buildsys.manifest;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** The image features a variant can switch on or off in {@code [package.metadata.build-variant.image-features]}. */
public enum ImageFeature {
    GRUB_SET_PRIVATE_VAR,
    UEFI_SECURE_BOOT,
    SYSTEMD_NETWORKD,
    XFS_DATA_PARTITION,
    EROFS_ROOT_PARTITION,
    FIPS,
    IN_PLACE_UPDATES,
    HOST_CONTAINERS;

    /** Features that are on unless a variant sets them to false (upstream's defaults). */
    public static final Set<ImageFeature> DEFAULTS = EnumSet.of(IN_PLACE_UPDATES, HOST_CONTAINERS);

    /** The manifest key, e.g. {@code grub-set-private-var}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The build argument name, e.g. {@code GRUB_SET_PRIVATE_VAR}. */
    public String buildArg() {
        return name();
    }

    /** The RPM bcond name, e.g. {@code grub_set_private_var}. */
    public String bcond() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<ImageFeature> fromKey(String key) {
        for (ImageFeature feature : values()) {
            if (feature.key().equals(key)) {
                return Optional.of(feature);
            }
        }
        return Optional.empty();
    }
}
