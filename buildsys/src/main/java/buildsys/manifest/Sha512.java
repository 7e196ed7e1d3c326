package buildsys.manifest;

import java.util.regex.Pattern;

/** A SHA-512 digest in lowercase hex, as external-files entries declare them. */
public record Sha512(String hex) {
    private static final Pattern HEX = Pattern.compile("[0-9a-f]{128}");

    public Sha512 {
        if (!HEX.matcher(hex).matches()) {
            throw new IllegalArgumentException("not a lowercase sha512: " + hex);
        }
    }

    public static boolean isValid(String text) {
        return HEX.matcher(text).matches();
    }

    @Override
    public String toString() {
        return hex;
    }
}
