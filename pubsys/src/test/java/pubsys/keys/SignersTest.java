package pubsys.keys;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import common.TwoliterException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import pubsys.infra.SigningKeySource;
import pubsys.tuf.LocalKeySigner;
import pubsys.tuf.Signer;

class SignersTest {
    @RegisterExtension
    static WireMockExtension aws = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @TempDir
    Path dir;

    static KeyPair pair;

    @BeforeAll
    static void key() throws Exception {
        pair = FakeAws.rsa(2048);
    }

    Path keyFile(String name) throws Exception {
        return Files.writeString(dir.resolve(name), FakeAws.pkcs8Pem(pair.getPrivate()));
    }

    @Test
    void forSource_file_isALocalKeySigner() throws Exception {
        Signer s = Signers.forSource(new SigningKeySource.File(keyFile("k.pem")), FakeAws.clients(aws.baseUrl()));

        assertThat(s).isInstanceOf(LocalKeySigner.class);
    }

    @Test
    void forSource_kmsAndSsm_areTheirSigners_withTheSameKeyId() throws Exception {
        aws.stubFor(FakeAws.call("TrentService.GetPublicKey").willReturn(
                FakeAws.ok(FakeAws.publicKeyResponse("arn:aws:kms:us-east-1:1:key/k", pair))));
        aws.stubFor(FakeAws.call("AmazonSSM.GetParameter").willReturn(
                FakeAws.ok(FakeAws.parameterResponse("/p", FakeAws.pkcs8Pem(pair.getPrivate())))));
        AwsClientFactory clients = FakeAws.clients(aws.baseUrl());

        Signer kms = Signers.forSource(new SigningKeySource.Kms("k", Map.of()), clients);
        Signer ssm = Signers.forSource(new SigningKeySource.Ssm("/p"), clients);

        assertThat(kms).isInstanceOf(KmsSigner.class);
        assertThat(ssm).isInstanceOf(SsmKeySigner.class);
        assertThat(kms.publicKey().keyId()).isEqualTo(ssm.publicKey().keyId())
                .isEqualTo(LocalKeySigner.fromFile(keyFile("k.pem")).publicKey().keyId());
        ((KmsSigner) kms).close();
    }

    @Test
    void forRepo_noSigningKeys_usesTheDefaultKeyWhenItExists() throws Exception {
        Path key = keyFile("default-key.pem");

        Signer s = Signers.forRepo("default", Optional.empty(), key, FakeAws.clients(aws.baseUrl()));

        assertThat(s).isInstanceOf(LocalKeySigner.class);
    }

    @Test
    void forRepo_configuredSource_winsOverTheDefaultKey() throws Exception {
        Path other = Files.writeString(dir.resolve("other.pem"), FakeAws.pkcs8Pem(FakeAws.rsa(2048).getPrivate()));

        Signer s = Signers.forRepo("default", Optional.of(new SigningKeySource.File(keyFile("k.pem"))), other,
                FakeAws.clients(aws.baseUrl()));

        assertThat(s.publicKey().keyId()).isEqualTo(LocalKeySigner.fromFile(keyFile("k.pem")).publicKey().keyId());
    }

    @Test
    void forRepo_noSigningKeysAndNoDefaultKey_saysHowToFixIt() {
        Path missing = dir.resolve("roles/default.pem");

        assertThatThrownBy(() -> Signers.forRepo("default", Optional.empty(), missing, FakeAws.clients(aws.baseUrl())))
                .isInstanceOf(TwoliterException.class)
                .hasMessage("Infra.toml is missing signing_keys for repo 'default', and there is no local key at '"
                        + missing + "'; run 'twoliter make publish-setup' or configure signing_keys");
    }

    @Test
    void endpointFor_ignoreFlag_and_badUrl() throws Exception {
        assertThat(FakeAws.clients(Map.of("AWS_ENDPOINT_URL", "http://h:1", "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS",
                "true")).endpointFor("kms")).isEmpty();
        assertThat(FakeAws.clients(Map.of("AWS_ENDPOINT_URL", "http://h:1", "AWS_ENDPOINT_URL_SSM", "http://s:2"))
                .endpointFor("ssm")).hasValueSatisfying(u -> assertThat(u.toString()).isEqualTo("http://s:2"));
        assertThatThrownBy(() -> FakeAws.clients(Map.of("AWS_ENDPOINT_URL_KMS", "localhost")).endpointFor("kms"))
                .isInstanceOf(TwoliterException.class).hasMessageContaining("AWS_ENDPOINT_URL_KMS 'localhost'");
    }
}
