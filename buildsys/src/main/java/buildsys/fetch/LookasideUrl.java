package buildsys.fetch;

import buildsys.manifest.Sha512;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Builds a lookaside address, {@code <base>/<file>/<sha512>/<file>}, appending path segments as upstream's url
 * crate does (buildsys.md §3.2, §11 cases 5 and 8): a base path of exactly {@code /} takes no extra slash, any other
 * base path gets one, even if it already ends in {@code /} (so {@code /mirror/} becomes {@code /mirror//file/...}),
 * and each segment is percent-encoded. The base's query and fragment stay after the path.
 */
final class LookasideUrl {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private LookasideUrl() {
    }

    static URI of(URI base, String fileName, Sha512 sha512) {
        String basePath = base.getRawPath() == null || base.getRawPath().isEmpty() ? "/" : base.getRawPath();
        StringBuilder url = new StringBuilder(base.getScheme()).append("://").append(base.getRawAuthority())
                .append(basePath);
        boolean bare = basePath.equals("/");
        for (String segment : List.of(fileName, sha512.hex(), fileName)) {
            if (!bare) {
                url.append('/');
            }
            bare = false;
            encode(segment, url);
        }
        if (base.getRawQuery() != null) {
            url.append('?').append(base.getRawQuery());
        }
        if (base.getRawFragment() != null) {
            url.append('#').append(base.getRawFragment());
        }
        return URI.create(url.toString());
    }

    private static void encode(String segment, StringBuilder out) {
        for (byte b : segment.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c > 0x20 && c < 0x7f && !isEscaped((char) c)) {
                out.append((char) c);
            } else {
                out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
            }
        }
    }

    // The WHATWG path-segment set for special schemes (controls, space, non-ASCII and these), plus [ ] ^ |, which
    // WHATWG leaves alone but java.net.URI rejects; servers decode both spellings alike.
    private static boolean isEscaped(char c) {
        return "\"#<>?`{}/%\\[]^|".indexOf(c) >= 0;
    }
}
