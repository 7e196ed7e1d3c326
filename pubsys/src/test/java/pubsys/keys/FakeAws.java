package pubsys.keys;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/** Keys and WireMock stubs for KMS and SSM, which speak AWS JSON 1.1 ({@code X-Amz-Target} selects the call). */
final class FakeAws {
    static final String JSON_11 = "application/x-amz-json-1.1";
    static final ObjectMapper JSON = new ObjectMapper();

    private FakeAws() {
    }

    /** Static credentials and a default region of us-east-1, every service at {@code baseUrl}. */
    static AwsClientFactory clients(String baseUrl) {
        return clients(Map.of("AWS_ENDPOINT_URL", baseUrl));
    }

    static AwsClientFactory clients(Map<String, String> env) {
        return new AwsClientFactory(env, Optional.of(Region.US_EAST_1),
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret")));
    }

    static KeyPair rsa(int bits) throws GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(bits);
        return g.generateKeyPair();
    }

    static String pkcs8Pem(PrivateKey key) {
        return "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(key.getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
    }

    /** RSASSA-PSS SHA-256 / MGF1-SHA-256 / salt 32 over {@code message}: what KMS returns for its digest. */
    static byte[] pssSign(PrivateKey key, byte[] message) throws GeneralSecurityException {
        Signature s = Signature.getInstance("RSASSA-PSS");
        s.setParameter(new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1));
        s.initSign(key);
        s.update(message);
        return s.sign();
    }

    static String b64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    static byte[] sha256(byte[] message) throws GeneralSecurityException {
        return MessageDigest.getInstance("SHA-256").digest(message);
    }

    static MappingBuilder call(String target) {
        return post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(target));
    }

    static ResponseDefinitionBuilder ok(ObjectNode body) {
        return aResponse().withStatus(200).withHeader("Content-Type", JSON_11).withBody(body.toString());
    }

    static ResponseDefinitionBuilder error(String type, String message) {
        ObjectNode body = JSON.createObjectNode().put("__type", type).put("message", message);
        return aResponse().withStatus(400).withHeader("Content-Type", JSON_11).withBody(body.toString());
    }

    /** A GetPublicKey answer for an RSA-3072 signing key. */
    static ObjectNode publicKeyResponse(String keyArn, KeyPair pair, String... algorithms) {
        ObjectNode n = JSON.createObjectNode().put("KeyId", keyArn).put("PublicKey", b64(pair.getPublic().getEncoded()))
                .put("KeySpec", "RSA_3072").put("KeyUsage", "SIGN_VERIFY");
        var algs = n.putArray("SigningAlgorithms");
        for (String a : algorithms.length == 0 ? new String[] {"RSASSA_PSS_SHA_256"} : algorithms) {
            algs.add(a);
        }
        return n;
    }

    static ObjectNode signResponse(String keyArn, byte[] signature) {
        return JSON.createObjectNode().put("KeyId", keyArn).put("Signature", b64(signature))
                .put("SigningAlgorithm", "RSASSA_PSS_SHA_256");
    }

    static ObjectNode parameterResponse(String name, String value) {
        ObjectNode n = JSON.createObjectNode();
        n.putObject("Parameter").put("Name", name).put("Type", "SecureString").put("Value", value).put("Version", 1)
                .put("ARN", "arn:aws:ssm:us-east-1:111122223333:parameter" + name);
        return n;
    }
}
