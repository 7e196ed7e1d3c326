package twoliter.vendor;

import java.util.Objects;

/**
 * One thing a vendor directory holds, and the digest it must have.
 *
 * @param kind   what it is, which decides where it sits under the vendor directory
 * @param name   the name VENDOR.toml uses for it: the external file's name, the kit's name, the SDK image name
 * @param digest the expected content digest: an external file's sha512 hex, a kit's lock digest, an SDK image id,
 *     or a Go bundle's id (what it is made from: archive digest, module directory, name)
 */
public record VendorItem(Kind kind, String name, String digest) {
    /** Where an item lives under the vendor directory. */
    public enum Kind {
        FILE("files"), KIT("kits"), SDK("sdk"), GO_BUNDLE("go-bundles");

        private final String dir;

        Kind(String dir) {
            this.dir = dir;
        }

        /** The subdirectory of the vendor directory holding items of this kind. */
        public String dir() {
            return dir;
        }

        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }

    public VendorItem {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(digest, "digest");
        if (name.isBlank()) {
            throw new IllegalArgumentException("vendor item name must not be blank");
        }
    }

    /** The key of the item in the vendor manifest and in maps of present items: {@code kind:name}. */
    public String key() {
        return kind.id() + ":" + name;
    }
}
