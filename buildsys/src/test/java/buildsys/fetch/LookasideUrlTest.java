package buildsys.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import buildsys.manifest.Sha512;
import java.net.URI;
import org.junit.jupiter.api.Test;

class LookasideUrlTest {
    private static final Sha512 SHA = new Sha512("a6dd".repeat(31) + "1900");

    @Test
    void of_defaultBase_appendsFileShaFile() {
        // buildsys.md §11 case 5
        assertThat(LookasideUrl.of(URI.create("https://cache.bottlerocket.aws"), "glibc-2.38.tar.xz", SHA))
                .hasToString("https://cache.bottlerocket.aws/glibc-2.38.tar.xz/" + SHA + "/glibc-2.38.tar.xz");
    }

    @Test
    void of_basePathSlashOnly_addsNoExtraSlash() {
        assertThat(LookasideUrl.of(URI.create("https://cache.bottlerocket.aws/"), "foo.tgz", SHA))
                .hasToString("https://cache.bottlerocket.aws/foo.tgz/" + SHA + "/foo.tgz");
    }

    @Test
    void of_baseEndingInSlash_keepsTheDoubleSlash() {
        // buildsys.md §11 case 8
        assertThat(LookasideUrl.of(URI.create("https://example.com/mirror/"), "f.tgz", SHA))
                .hasToString("https://example.com/mirror//f.tgz/" + SHA + "/f.tgz");
    }

    @Test
    void of_basePathWithoutSlash_addsOne() {
        assertThat(LookasideUrl.of(URI.create("http://127.0.0.1:8080/mirror"), "f.tgz", SHA))
                .hasToString("http://127.0.0.1:8080/mirror/f.tgz/" + SHA + "/f.tgz");
    }

    @Test
    void of_specialCharacters_arePercentEncoded() {
        assertThat(LookasideUrl.of(URI.create("https://h"), "a b#c?d%e\\f|ü.tgz", SHA).getRawPath())
                .isEqualTo("/a%20b%23c%3Fd%25e%5Cf%7C%C3%BC.tgz/" + SHA + "/a%20b%23c%3Fd%25e%5Cf%7C%C3%BC.tgz");
    }

    @Test
    void of_ordinarySeparators_stayAsTheyAre() {
        assertThat(LookasideUrl.of(URI.create("https://h"), "v1.0_rc-1+git~x=y,z@w.tar.gz", SHA).getRawPath())
                .startsWith("/v1.0_rc-1+git~x=y,z@w.tar.gz/");
    }

    @Test
    void of_baseWithQuery_keepsItAfterThePath() {
        assertThat(LookasideUrl.of(URI.create("https://h/c?token=1"), "f", SHA))
                .hasToString("https://h/c/f/" + SHA + "/f?token=1");
    }
}
