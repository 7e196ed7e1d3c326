package pubsys.ssm;

/** Joins Infra.toml's {@code ssm_prefix} and a rendered template name with exactly one slash (pubsys.md §12, S2). */
final class SsmNames {
    private SsmNames() {
    }

    /**
     * {@code /a/ + /b}, {@code /a/ + b}, {@code /a + /b} and {@code /a + b} all give {@code /a/b}; {@code "" + b}
     * gives {@code /b}.
     */
    static String join(String prefix, String suffix) {
        boolean prefixSlash = prefix.endsWith("/");
        boolean suffixSlash = suffix.startsWith("/");
        if (prefixSlash && suffixSlash) {
            return prefix.substring(0, prefix.length() - 1) + suffix;
        }
        if (prefixSlash || suffixSlash) {
            return prefix + suffix;
        }
        return prefix + "/" + suffix;
    }
}
