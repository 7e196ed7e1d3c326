package pubsys.keys;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.extension.ResponseTransformerV2;
import com.github.tomakehurst.wiremock.http.Response;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.interfaces.RSAPrivateKey;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import pubsys.infra.SigningKeySource;
import pubsys.tuf.Expirations;
import pubsys.tuf.LoadedRepository;
import pubsys.tuf.LocalKeySigner;
import pubsys.tuf.RepositoryLayout;
import pubsys.tuf.RepositoryLoader;
import pubsys.tuf.RepositoryWriter;
import pubsys.tuf.Root;
import pubsys.tuf.Signature;
import pubsys.tuf.Signed;
import pubsys.tuf.TargetFile;
import pubsys.tuf.WriteRequest;

/** A whole repository signed through KMS: a fake KMS signs whatever digest it is sent, as the real one does. */
class KmsRepositoryTest {
    static final KeyPair PAIR = generate();
    static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    @RegisterExtension
    static WireMockExtension kms = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().extensions(new FakeKmsSign((RSAPrivateKey) PAIR.getPrivate())))
            .build();

    @TempDir
    Path dir;

    @Test
    void write_repoSignedByKms_loadsAndVerifies() throws Exception {
        kms.stubFor(FakeAws.call("TrentService.GetPublicKey").willReturn(
                FakeAws.ok(FakeAws.publicKeyResponse("arn:aws:kms:us-west-2:1:key/k", PAIR))));
        kms.stubFor(FakeAws.call("TrentService.Sign").willReturn(aResponse().withTransformers(FakeKmsSign.NAME)));

        try (KmsSigner signer = KmsSigner.create(new SigningKeySource.Kms("k", Map.of("k", "us-west-2")),
                FakeAws.clients(kms.baseUrl()))) {
            // root.json signed by the same key held as a file, as publish-setup would have done.
            Path rootJson = writeRoot(LocalKeySigner.fromPem(FakeAws.pkcs8Pem(PAIR.getPrivate()), "root key"));
            RepositoryLayout out = RepositoryLayout.under(dir.resolve("repo"));
            Path target = Files.writeString(dir.resolve("hello.txt"), "hello\n");

            RepositoryWriter.write(new WriteRequest(rootJson, List.of(signer), Optional.empty(),
                    List.of(new TargetFile("hello.txt", target, null)), 1700000000L,
                    new Expirations(NOW.plusSeconds(86400 * 14), NOW.plusSeconds(86400 * 14),
                            NOW.plusSeconds(86400 * 7)), out));

            LoadedRepository loaded = RepositoryLoader.load(out, rootJson, Clock.fixed(NOW, ZoneOffset.UTC));
            assertThat(loaded.listTargets()).containsOnlyKeys("hello.txt");
            loaded.verifyTargets();
        }
        // targets, snapshot, timestamp: one Sign each.
        kms.verify(3, postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("TrentService.Sign")));
    }

    private Path writeRoot(LocalKeySigner key) throws Exception {
        Root root = KmsSignerTest.rootListing(key.publicKey());
        Signed<Root> unsigned = Signed.unsigned(root);
        String sig = HexFormat.of().formatHex(key.sign(unsigned.canonicalBytes()));
        return Files.write(dir.resolve("root.json"),
                unsigned.withSignatures(List.of(new Signature(key.publicKey().keyId(), sig))).toFileBytes());
    }

    private static KeyPair generate() {
        try {
            return FakeAws.rsa(3072);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * KMS {@code Sign} with {@code MessageType DIGEST} and RSASSA_PSS_SHA_256: EMSA-PSS (RFC 8017 §9.1.1,
     * MGF1-SHA-256, 32-byte salt) over the received digest, then the raw RSA private-key operation.
     */
    static final class FakeKmsSign implements ResponseTransformerV2 {
        static final String NAME = "fake-kms-sign";
        private final RSAPrivateKey key;

        FakeKmsSign(RSAPrivateKey key) {
            this.key = key;
        }

        @Override
        public Response transform(Response response, ServeEvent event) {
            try {
                JsonNode req = FakeAws.JSON.readTree(event.getRequest().getBodyAsString());
                if (!"DIGEST".equals(req.path("MessageType").asText())
                        || !"RSASSA_PSS_SHA_256".equals(req.path("SigningAlgorithm").asText())) {
                    return Response.Builder.like(response).but().status(400).body(
                            FakeAws.JSON.createObjectNode().put("__type", "ValidationException")
                                    .put("message", "fake KMS only signs digests with PSS").toString()).build();
                }
                byte[] digest = Base64.getDecoder().decode(req.path("Message").asText());
                byte[] sig = sign(digest);
                return Response.Builder.like(response).but().status(200)
                        .headers(response.getHeaders().plus(
                                new com.github.tomakehurst.wiremock.http.HttpHeader("Content-Type", FakeAws.JSON_11)))
                        .body(FakeAws.signResponse(req.path("KeyId").asText(), sig).toString()).build();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        byte[] sign(byte[] mHash) throws GeneralSecurityException {
            int modBits = key.getModulus().bitLength();
            int emBits = modBits - 1;
            int emLen = (emBits + 7) / 8;
            int hLen = 32;
            int sLen = 32;
            byte[] salt = new byte[sLen];
            new SecureRandom().nextBytes(salt);
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(new byte[8]);
            sha.update(mHash);
            sha.update(salt);
            byte[] h = sha.digest();
            byte[] db = new byte[emLen - hLen - 1];
            db[db.length - sLen - 1] = 1;
            System.arraycopy(salt, 0, db, db.length - sLen, sLen);
            byte[] mask = mgf1(h, db.length);
            for (int i = 0; i < db.length; i++) {
                db[i] ^= mask[i];
            }
            db[0] &= (byte) (0xff >>> (8 * emLen - emBits));
            byte[] em = new byte[emLen];
            System.arraycopy(db, 0, em, 0, db.length);
            System.arraycopy(h, 0, em, db.length, hLen);
            em[emLen - 1] = (byte) 0xbc;
            // Raw RSA: m^d mod n. KMS may return fewer bytes when the result has leading zeros; so does this.
            byte[] s = new BigInteger(1, em).modPow(key.getPrivateExponent(), key.getModulus()).toByteArray();
            return s[0] == 0 && s.length > 1 ? java.util.Arrays.copyOfRange(s, 1, s.length) : s;
        }

        private static byte[] mgf1(byte[] seed, int length) throws GeneralSecurityException {
            byte[] out = new byte[length];
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (int counter = 0, pos = 0; pos < length; counter++) {
                sha.update(seed);
                sha.update(new byte[] {(byte) (counter >>> 24), (byte) (counter >>> 16), (byte) (counter >>> 8),
                        (byte) counter});
                byte[] block = sha.digest();
                int n = Math.min(block.length, length - pos);
                System.arraycopy(block, 0, out, pos, n);
                pos += n;
            }
            return out;
        }

        @Override
        public String getName() {
            return NAME;
        }

        @Override
        public boolean applyGlobally() {
            return false;
        }
    }
}
