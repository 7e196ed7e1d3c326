package oci;

import common.TwoliterException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.regex.Pattern;

/** A registry content digest, {@code sha256:<64 hex>} (not the lock file's base64 digest of canonical JSON). */
public record Digest(String hex) {
    private static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");

    public Digest {
        Objects.requireNonNull(hex, "hex");
        if (!HEX.matcher(hex).matches()) {
            throw new IllegalArgumentException("sha256 digest must be 64 lowercase hex digits, got '" + hex + "'");
        }
    }

    /** Parses {@code sha256:<hex>}; {@code what} names where the value came from, for the error message. */
    public static Digest parse(String value, String what) throws TwoliterException {
        if (value != null && value.startsWith("sha256:") && HEX.matcher(value.substring(7)).matches()) {
            return new Digest(value.substring(7));
        }
        throw TwoliterException.badInput(what + " must be a digest 'sha256:<64 hex digits>', got '" + value + "'");
    }

    public static Digest of(byte[] content) {
        return new Digest(HexFormat.of().formatHex(sha256().digest(content)));
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return "sha256:" + hex;
    }
}
