package oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import common.TwoliterException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ImageRefTest {
    private static final String HEX = "ab".repeat(32);

    @Test
    void parse_hostPortAndTag_splitsParts() throws TwoliterException {
        ImageRef ref = ImageRef.parse("127.0.0.1:5000/core-kit:v1.0.0");

        assertThat(ref.registry()).isEqualTo("127.0.0.1:5000");
        assertThat(ref.repository()).isEqualTo("core-kit");
        assertThat(ref.tag()).contains("v1.0.0");
        assertThat(ref.digest()).isEmpty();
        assertThat(ref.reference()).isEqualTo("v1.0.0");
        assertThat(ref.host()).isEqualTo("127.0.0.1");
    }

    @Test
    void parse_digest_referenceIsDigest() throws TwoliterException {
        ImageRef ref = ImageRef.parse("public.ecr.aws/bottlerocket/bottlerocket-sdk@sha256:" + HEX);

        assertThat(ref.registry()).isEqualTo("public.ecr.aws");
        assertThat(ref.repository()).isEqualTo("bottlerocket/bottlerocket-sdk");
        assertThat(ref.tag()).isEmpty();
        assertThat(ref.reference()).isEqualTo("sha256:" + HEX);
    }

    @Test
    void parse_tagAndDigest_keepsBothAndFetchesDigest() throws TwoliterException {
        ImageRef ref = ImageRef.parse("localhost:5000/a/b:v1@sha256:" + HEX);

        assertThat(ref.tag()).contains("v1");
        assertThat(ref.digest()).contains(new Digest(HEX));
        assertThat(ref.reference()).isEqualTo("sha256:" + HEX);
        assertThat(ref).hasToString("localhost:5000/a/b:v1@sha256:" + HEX);
    }

    @Test
    void parse_ipv6Loopback_keepsBrackets() throws TwoliterException {
        ImageRef ref = ImageRef.parse("[::1]:5000/kit:v1");

        assertThat(ref.registry()).isEqualTo("[::1]:5000");
        assertThat(ref.host()).isEqualTo("[::1]");
    }

    @Test
    void parse_noRegistry_meansDockerHubLibrary() throws TwoliterException {
        assertThat(ImageRef.parse("debian")).isEqualTo(new ImageRef(ImageRef.DOCKER_HUB, "library/debian",
                Optional.of("latest"), Optional.empty()));
        assertThat(ImageRef.parse("bottlerocket/sdk:v1").repository()).isEqualTo("bottlerocket/sdk");
        assertThat(ImageRef.parse("localhost/kit:v1").registry()).isEqualTo("localhost");
    }

    @Test
    void parse_uppercaseRepository_failsQuotingIt() {
        assertThatThrownBy(() -> ImageRef.parse("example.com/Core-Kit:v1"))
                .isInstanceOf(TwoliterException.class).hasMessageContaining("'Core-Kit'");
    }

    @Test
    void parse_badDigest_failsQuotingIt() {
        assertThatThrownBy(() -> ImageRef.parse("example.com/kit@sha256:xyz"))
                .isInstanceOf(TwoliterException.class).hasMessageContaining("'sha256:xyz'");
    }

    @Test
    void parse_url_failsWithHint() {
        assertThatThrownBy(() -> ImageRef.parse("https://example.com/kit:v1"))
                .isInstanceOf(TwoliterException.class).hasMessageContaining("host[:port]/repository:tag");
    }

    @Test
    void scheme_loopbackIsPlainHttp_othersNeedTheSwitch() throws TwoliterException {
        RegistryScheme scheme = RegistryScheme.parse("registry.lan:5000, other.lan");

        assertThat(scheme.base(ImageRef.parse("127.0.0.1:5000/kit:v1"))).hasToString("http://127.0.0.1:5000/v2/");
        assertThat(scheme.base(ImageRef.parse("localhost/kit:v1"))).hasToString("http://localhost/v2/");
        assertThat(scheme.base(ImageRef.parse("[::1]:5000/kit:v1"))).hasToString("http://[::1]:5000/v2/");
        assertThat(scheme.base(ImageRef.parse("registry.lan:5000/kit:v1"))).hasToString("http://registry.lan:5000/v2/");
        assertThat(scheme.base(ImageRef.parse("other.lan:443/kit:v1"))).hasToString("http://other.lan:443/v2/");
        assertThat(scheme.base(ImageRef.parse("registry.lan:6000/kit:v1"))).hasToString("https://registry.lan:6000/v2/");
        assertThat(scheme.base(ImageRef.parse("public.ecr.aws/kit:v1"))).hasToString("https://public.ecr.aws/v2/");
    }
}
