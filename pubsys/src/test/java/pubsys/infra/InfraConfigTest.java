package pubsys.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import common.ErrorCategory;
import common.TwoliterException;
import common.toml.TomlFile;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InfraConfigTest {
    private static final String SAMPLE = """
            [repo.default]
            root_role_url = "https://example.com/root.json"
            root_role_sha512 = "%s"
            signing_keys = { kms = { key_id = "abc-def-123", available_keys = { "abc-def-123" = "us-west-2" } } }
            metadata_base_url = "https://example.com"
            targets_url = "https://example.com/targets/"

            [repo.local]
            signing_keys = { file = { path = "/home/user/key.pem" } }

            [aws]
            regions = ["us-west-2", "us-east-1"]
            role = "arn:aws:iam::012345678901:role/assume-global"
            ssm_prefix = "/your/prefix/here"
            [aws.region.us-west-2]
            role = "arn:aws:iam::012345678901:role/assume-regional"

            [vmware]
            datacenters = ["north"]

            [vendor.bottlerocket]
            registry = "my.vendor/path"
            """.formatted("a".repeat(128));

    private static InfraConfig parse(String text) throws TwoliterException {
        return InfraConfig.parse(TomlFile.parse(text, "Infra.toml"));
    }

    @Test
    void parse_upstreamSample_readsEverySection() throws TwoliterException {
        InfraConfig infra = parse(SAMPLE);

        RepoConfig repo = infra.repos().get("default");
        assertThat(repo.rootRoleUrl()).contains(URI.create("https://example.com/root.json"));
        assertThat(repo.signingKeys()).contains(new SigningKeySource.Kms("abc-def-123",
                Map.of("abc-def-123", "us-west-2")));
        assertThat(infra.repos().get("local").signingKeys())
                .contains(new SigningKeySource.File(Path.of("/home/user/key.pem")));
        assertThat(infra.aws().regions()).containsExactly("us-west-2", "us-east-1");
        assertThat(infra.aws().regionRoles()).containsEntry("us-west-2",
                "arn:aws:iam::012345678901:role/assume-regional");
        assertThat(infra.aws().ssmPrefix()).contains("/your/prefix/here");
        assertThat(infra.vendors()).containsEntry("bottlerocket", "my.vendor/path");
    }

    @Test
    void metadataUrl_addsTheVariantAndArchWithOneSlash() throws TwoliterException {
        RepoConfig repo = parse(SAMPLE).repos().get("default");

        assertThat(repo.metadataUrl("aws-dev", "x86_64")).contains(URI.create("https://example.com/aws-dev/x86_64"));
        RepoConfig slash = new RepoConfig(java.util.Optional.empty(), java.util.Optional.empty(),
                java.util.Optional.empty(), java.util.Optional.of(URI.create("file:///srv/repo/")),
                java.util.Optional.empty());
        assertThat(slash.metadataUrl("aws-dev", "aarch64")).contains(URI.create("file:///srv/repo/aws-dev/aarch64"));
    }

    @Test
    void unknownKey_isAnErrorWithItsLocation() {
        assertThatThrownBy(() -> parse("[repo.default]\nmetadata_base_uri = \"https://x/\"\n"))
                .isInstanceOf(TwoliterException.class)
                .hasMessageStartingWith("Infra.toml:2:1: 'repo.default.metadata_base_uri' is not a known key here");
        assertThatThrownBy(() -> parse("[aws]\nregion = \"us-west-2\"\n"))
                .hasMessageContaining("'aws.region' must be a table");
    }

    @Test
    void rootRoleUrl_withoutItsSha512_isRefused() {
        assertThatThrownBy(() -> parse("[repo.default]\nroot_role_url = \"https://x/root.json\"\n"))
                .hasMessageContaining("give root_role_url and root_role_sha512 together");
    }

    @Test
    void signingKeys_mustNameExactlyOneSource() {
        assertThatThrownBy(() -> parse("[repo.default]\nsigning_keys = { file = { path = \"a\" }, ssm = {"
                + " parameter = \"b\" } }\n")).hasMessageContaining("must hold exactly one of");
    }

    @Test
    void load_missingFile_isDefaultsUnlessRequired(@TempDir Path dir) throws TwoliterException {
        assertThat(InfraConfig.load(dir.resolve("Infra.toml"), false).repos()).isEmpty();
        assertThatThrownBy(() -> InfraConfig.load(dir.resolve("Infra.toml"), true))
                .hasMessageContaining("does not exist");
    }

    @Test
    void load_infraLock_saysItIsNotSupported(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("Infra.lock"), "repo: {}\n");

        assertThatThrownBy(() -> InfraConfig.load(dir.resolve("Infra.toml"), false))
                .extracting(e -> ((TwoliterException) e).category()).isEqualTo(ErrorCategory.NOT_IMPLEMENTED);
    }

    @Test
    void badUrl_isQuoted() {
        assertThatThrownBy(() -> parse("[repo.default]\ntargets_url = \"not a url\"\n"))
                .hasMessageContaining("'repo.default.targets_url' is 'not a url'");
    }
}
