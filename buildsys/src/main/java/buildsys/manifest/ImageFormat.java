package buildsys.manifest;

import java.util.Locale;
import java.util.Optional;

/** The disk image format a variant ships: {@code image-format}. */
public enum ImageFormat {
    RAW,
    QCOW2,
    VMDK;

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<ImageFormat> fromKey(String key) {
        for (ImageFormat format : values()) {
            if (format.key().equals(key)) {
                return Optional.of(format);
            }
        }
        return Optional.empty();
    }
}
