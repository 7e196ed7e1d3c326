package oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import common.TwoliterException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DockerCredentialsTest {
    private static final Path SOURCE = Path.of("config.json");
    private final List<String> helperCalls = new ArrayList<>();

    private DockerCredentials.HelperRunner helper(String answer) {
        return (name, server) -> {
            helperCalls.add(name + " " + server);
            return Optional.ofNullable(answer);
        };
    }

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void lookup_authsEntry_decodesBase64UserPassword() throws TwoliterException {
        String json = "{\"auths\":{\"registry.lan:5000\":{\"auth\":\"" + b64("alice:s3:cret") + "\"}}}";

        Optional<Credential> found = DockerCredentials.parse(json, SOURCE, helper(null)).lookup("registry.lan:5000");

        assertThat(found).contains(new Credential("alice", "s3:cret"));
        assertThat(helperCalls).isEmpty();
    }

    @Test
    void lookup_authsKeyWithScheme_matches() throws TwoliterException {
        String json = "{\"auths\":{\"https://registry.lan\":{\"username\":\"bob\",\"password\":\"pw\"}}}";

        assertThat(DockerCredentials.parse(json, SOURCE, helper(null)).lookup("registry.lan"))
                .contains(new Credential("bob", "pw"));
    }

    @Test
    void lookup_dockerHub_usesLegacyIndexKey() throws TwoliterException {
        String json = "{\"auths\":{\"https://index.docker.io/v1/\":{\"auth\":\"" + b64("u:p") + "\"}}}";

        assertThat(DockerCredentials.parse(json, SOURCE, helper(null)).lookup(ImageRef.DOCKER_HUB))
                .contains(new Credential("u", "p"));
    }

    @Test
    void lookup_credHelperForRegistry_winsOverAuthsAndRunsHelper() throws TwoliterException {
        String json = "{\"auths\":{\"123.dkr.ecr.us-west-2.amazonaws.com\":{\"auth\":\"" + b64("x:y") + "\"}},"
                + "\"credHelpers\":{\"123.dkr.ecr.us-west-2.amazonaws.com\":\"ecr-login\"}}";
        DockerCredentials creds = DockerCredentials.parse(json, SOURCE,
                helper("{\"ServerURL\":\"x\",\"Username\":\"AWS\",\"Secret\":\"tok\"}"));

        assertThat(creds.lookup("123.dkr.ecr.us-west-2.amazonaws.com")).contains(new Credential("AWS", "tok"));
        assertThat(helperCalls).containsExactly("ecr-login 123.dkr.ecr.us-west-2.amazonaws.com");
    }

    @Test
    void lookup_credsStoreFallback_whenNoEntry() throws TwoliterException {
        DockerCredentials creds = DockerCredentials.parse("{\"credsStore\":\"pass\"}", SOURCE,
                helper("{\"Username\":\"carol\",\"Secret\":\"pw\"}"));

        assertThat(creds.lookup("registry.lan")).contains(new Credential("carol", "pw"));
        assertThat(helperCalls).containsExactly("pass registry.lan");
    }

    @Test
    void lookup_helperWithoutCredentials_isAnonymous() throws TwoliterException {
        assertThat(DockerCredentials.parse("{\"credsStore\":\"pass\"}", SOURCE, helper(null)).lookup("r.lan"))
                .isEmpty();
    }

    @Test
    void lookup_identityToken_usesTokenUser() throws TwoliterException {
        String json = "{\"auths\":{\"r.lan\":{\"identitytoken\":\"idt\"}}}";

        assertThat(DockerCredentials.parse(json, SOURCE, helper(null)).lookup("r.lan"))
                .contains(new Credential("<token>", "idt"));
    }

    @Test
    void lookup_unknownRegistry_isAnonymous() throws TwoliterException {
        String json = "{\"auths\":{\"r.lan\":{\"auth\":\"" + b64("a:b") + "\"}}}";

        assertThat(DockerCredentials.parse(json, SOURCE, helper(null)).lookup("other.lan")).isEmpty();
    }

    @Test
    void lookup_authNotUserColonPassword_failsNamingKeyAndFix() {
        String json = "{\"auths\":{\"r.lan\":{\"auth\":\"" + b64("nocolon") + "\"}}}";

        assertThatThrownBy(() -> DockerCredentials.parse(json, SOURCE, helper(null)).lookup("r.lan"))
                .isInstanceOf(TwoliterException.class)
                .hasMessageContaining("'auths.\"r.lan\".auth'").hasMessageContaining("docker login r.lan");
    }

    @Test
    void parse_invalidJson_failsNamingFile() {
        assertThatThrownBy(() -> DockerCredentials.parse("{nope", SOURCE, helper(null)))
                .isInstanceOf(TwoliterException.class).hasMessageContaining("'config.json'");
    }

    @Test
    void load_missingFile_isAnonymous(@TempDir Path dir) throws TwoliterException {
        assertThat(DockerCredentials.load(dir.resolve("config.json"), helper(null)).lookup("r.lan")).isEmpty();
    }

    @Test
    void load_realFile_isRead(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("config.json"),
                "{\"auths\":{\"r.lan\":{\"auth\":\"" + b64("a:b") + "\"}}}");

        assertThat(DockerCredentials.load(file, helper(null)).lookup("r.lan")).contains(new Credential("a", "b"));
    }

    @Test
    void credential_toString_hidesSecret() {
        assertThat(new Credential("a", "hunter2").toString()).doesNotContain("hunter2");
    }
}
