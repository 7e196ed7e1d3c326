package common;

import java.util.regex.Pattern;

/** Checks semantic versions (semver.org 2.0.0) as Twoliter.toml, kits and Release.toml use them. */
public final class Semver {
    private static final Pattern SEMVER = Pattern.compile(
            "(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)"
                    + "(?:-((?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\\.(?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?"
                    + "(?:\\+([0-9a-zA-Z-]+(?:\\.[0-9a-zA-Z-]+)*))?");

    private Semver() {
    }

    public static boolean isValid(String version) {
        return SEMVER.matcher(version).matches();
    }
}
