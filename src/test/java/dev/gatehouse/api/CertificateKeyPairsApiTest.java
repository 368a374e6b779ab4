package dev.gatehouse.api;

import static dev.gatehouse.api.ApiTestSupport.ADMIN;
import static dev.gatehouse.api.ApiTestSupport.createToken;
import static dev.gatehouse.api.ApiTestSupport.createUser;
import static dev.gatehouse.api.ApiTestSupport.expect;
import static dev.gatehouse.api.ApiTestSupport.obj;
import static dev.gatehouse.api.ApiTestSupport.q;
import static dev.gatehouse.api.ApiTestSupport.texts;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.crypto.certificatekeypairs.CertificateBuilder;
import dev.gatehouse.crypto.certificatekeypairs.KeyMaterial;
import dev.gatehouse.crypto.certificatekeypairs.KeyType;
import dev.gatehouse.crypto.certificatekeypairs.Pem;
import dev.gatehouse.testing.TestServer;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** {@code crypto/certificatekeypairs/}: generate, import, list without secrets, view with secret_view, delete. */
class CertificateKeyPairsApiTest {
    private static final String PAIRS = "/api/v3/crypto/certificatekeypairs/";
    private static final Set<String> FIELDS = Set.of("pk", "name", "fingerprint_sha256", "fingerprint_sha1",
            "cert_expiry", "cert_subject", "private_key_available", "key_type", "certificate_download_url",
            "private_key_download_url", "managed");
    private static final KeyMaterial RSA = CertificateBuilder.selfSigned(KeyType.RSA, "import.example.org",
            List.of("import.example.org"), 30);
    private static TestServer server;
    private static String userToken;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        userToken = createToken(server, "keys-user-token", "api", createUser(server, "keys-user"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static JsonNode generate(String cn, String alg) {
        return expect(server.send("POST", PAIRS + "generate/", ADMIN,
                obj("common_name", cn, "subject_alt_name", cn + ",127.0.0.1", "validity_days", 30, "alg", alg)), 200);
    }

    private static X509Certificate parse(String pem) throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
    }

    private static List<JsonNode> secretViews(String pk) {
        JsonNode body = expect(server.get("/api/v3/events/events/?page_size=1000&action=secret_view", ADMIN), 200);
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode e : body.get("results")) {
            if (pk.equals(e.path("context").path("secret").path("pk").asString(""))) {
                out.add(e);
            }
        }
        return out;
    }

    @Test
    void listThenDefaultPairWithAuthentikFieldsAndNoKeyMaterial() {
        HttpResponse<String> r = server.get(PAIRS + "?name=" + q("authentik Self-signed Certificate"), ADMIN);
        JsonNode list = expect(r, 200);

        assertThat(list.get("pagination").get("count").asInt()).isEqualTo(1);
        JsonNode p = list.get("results").get(0);
        assertThat(p.propertyNames()).containsExactlyInAnyOrderElementsOf(FIELDS);
        assertThat(p.get("managed").asString()).isEqualTo("goauthentik.io/crypto/default-self-signed");
        assertThat(p.get("key_type").asString()).isEqualTo("rsa");
        assertThat(p.get("private_key_available").booleanValue()).isTrue();
        assertThat(p.get("fingerprint_sha256").asString()).matches("([0-9a-f]{2}:){31}[0-9a-f]{2}");
        assertThat(p.get("certificate_download_url").asString())
                .isEqualTo(PAIRS + p.get("pk").asString() + "/view_certificate/?download");
        assertThat(r.body()).doesNotContain("PRIVATE KEY").doesNotContain("BEGIN CERTIFICATE")
                .doesNotContain("key_data").doesNotContain("v1:");
        String one = server.get(PAIRS + p.get("pk").asString() + "/", ADMIN).body();
        assertThat(one).doesNotContain("PRIVATE KEY").doesNotContain("BEGIN CERTIFICATE");
    }

    @Test
    void generateRsaAndEcdsaThenCertificatesMatchRequest() throws Exception {
        JsonNode rsa = generate("rsa.gen.example.org", "rsa");
        JsonNode ec = generate("ec.gen.example.org", "ecdsa");

        assertThat(rsa.get("name").asString()).isEqualTo("rsa.gen.example.org");
        assertThat(rsa.get("key_type").asString()).isEqualTo("rsa");
        assertThat(ec.get("key_type").asString()).isEqualTo("ecdsa");
        assertThat(ec.get("cert_subject").asString()).contains("CN=ec.gen.example.org");
        assertThat(ec.get("managed").isNull()).isTrue();
        String pem = expect(server.get(PAIRS + ec.get("pk").asString() + "/view_certificate/", ADMIN), 200)
                .get("data").asString();
        X509Certificate cert = parse(pem);
        assertThat(cert.getPublicKey().getAlgorithm()).isEqualTo("EC");
        List<String> sans = cert.getSubjectAlternativeNames().stream().map(n -> String.valueOf(n.get(1))).toList();
        assertThat(sans).containsExactly("ec.gen.example.org", "127.0.0.1");
        assertThat(secretViews(ec.get("pk").asString())).singleElement()
                .satisfies(e -> assertThat(e.get("context").get("type").asString()).isEqualTo("certificate"));
        JsonNode bad = expect(server.send("POST", PAIRS + "generate/", ADMIN,
                obj("common_name", "", "validity_days", 0, "alg", "dsa", "subject_alt_name", "a b")), 400);
        assertThat(bad.propertyNames()).containsExactlyInAnyOrder("common_name", "validity_days", "alg",
                "subject_alt_name");
        expect(server.send("POST", PAIRS + "generate/", ADMIN, obj("common_name", "x", "validity_days", "ten")), 400);
    }

    @Test
    void importGoodPemThenCreatedWithFingerprintOfCertificate() throws Exception {
        JsonNode created = expect(server.send("POST", PAIRS, ADMIN, obj("name", "imported-rsa",
                "certificate_data", Pem.certificatesPem(RSA.chain()), "key_data", Pem.privateKeyPem(RSA.privateKey()))), 201);

        assertThat(created.propertyNames()).containsExactlyInAnyOrderElementsOf(FIELDS);
        assertThat(created.get("private_key_available").booleanValue()).isTrue();
        String sha256 = java.util.HexFormat.ofDelimiter(":").formatHex(
                java.security.MessageDigest.getInstance("SHA-256").digest(RSA.leaf().getEncoded()));
        assertThat(created.get("fingerprint_sha256").asString()).isEqualTo(sha256);
        assertThat(java.time.Instant.parse(created.get("cert_expiry").asString()))
                .isEqualTo(RSA.leaf().getNotAfter().toInstant());

        JsonNode certOnly = expect(server.send("POST", PAIRS, ADMIN, obj("name", "imported-cert-only",
                "certificate_data", Pem.certificatesPem(RSA.chain()))), 201);
        assertThat(certOnly.get("private_key_available").booleanValue()).isFalse();
        expect(server.get(PAIRS + certOnly.get("pk").asString() + "/view_private_key/", ADMIN), 404);
        assertThat(texts(expect(server.get(PAIRS + "?has_key=false", ADMIN), 200).get("results"), "name"))
                .contains("imported-cert-only").doesNotContain("imported-rsa");
    }

    @Test
    void importMismatchedPairThen400OnKeyData() {
        KeyMaterial other = CertificateBuilder.selfSigned(KeyType.RSA, "other", List.of(), 1);

        JsonNode errors = expect(server.send("POST", PAIRS, ADMIN, obj("name", "mismatched",
                "certificate_data", Pem.certificatesPem(RSA.chain()), "key_data", Pem.privateKeyPem(other.privateKey()))), 400);

        assertThat(errors.get("key_data").get(0).asString()).isEqualTo("The private key does not belong to the certificate.");
        assertThat(texts(expect(server.get(PAIRS + "?name=mismatched", ADMIN), 200).get("results"), "name")).isEmpty();
    }

    @Test
    void importGarbageThen400PerField() {
        JsonNode cert = expect(server.send("POST", PAIRS, ADMIN, obj("name", "garbage",
                "certificate_data", "-----BEGIN CERTIFICATE-----\nnot base64 at all\n-----END CERTIFICATE-----")), 400);
        assertThat(cert.get("certificate_data").get(0).asString()).isEqualTo("Unable to load certificate.");

        JsonNode key = expect(server.send("POST", PAIRS, ADMIN, obj("name", "garbage",
                "certificate_data", Pem.certificatesPem(RSA.chain()), "key_data", "hello")), 400);
        assertThat(key.get("key_data").get(0).asString()).isEqualTo("Unable to load private key (possibly encrypted?).");

        JsonNode missing = expect(server.send("POST", PAIRS, ADMIN, "{}"), 400);
        assertThat(missing.propertyNames()).contains("name", "certificate_data");
        expect(server.send("POST", PAIRS, ADMIN, obj("name", 5, "certificate_data", List.of())), 400);
    }

    @Test
    void viewPrivateKeyWhenSuperuserThenPemAndSecretViewEvent() throws Exception {
        String pk = generate("view.example.org", "rsa").get("pk").asString();

        String pem = expect(server.get(PAIRS + pk + "/view_private_key/", ADMIN), 200).get("data").asString();

        assertThat(pem).startsWith("-----BEGIN PRIVATE KEY-----");
        java.security.PrivateKey key = Pem.privateKey(pem);
        String certPem = expect(server.get(PAIRS + pk + "/view_certificate/", ADMIN), 200).get("data").asString();
        assertThat(KeyMaterial.parse(certPem, pem, new dev.gatehouse.core.Validation())).isNotNull();
        assertThat(key.getAlgorithm()).isEqualTo("RSA");
        List<JsonNode> views = secretViews(pk);
        assertThat(views).extracting(e -> e.get("context").get("type").asString())
                .containsExactlyInAnyOrder("private_key", "certificate");
        JsonNode keyView = views.stream().filter(e -> e.get("context").get("type").asString().equals("private_key"))
                .findFirst().orElseThrow();
        assertThat(keyView.get("user").get("username").asString()).isEqualTo("akadmin");
        assertThat(keyView.get("context").get("secret").get("model_name").asString()).isEqualTo("certificatekeypair");
        assertThat(keyView.toString()).doesNotContain("PRIVATE KEY");

        HttpResponse<String> download = server.get(PAIRS + pk + "/view_private_key/?download", ADMIN);
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.headers().firstValue("Content-Type")).contains("application/x-pem-file");
        assertThat(download.headers().firstValue("Content-Disposition"))
                .contains("attachment; filename=\"view.example.org_private_key.pem\"");
        assertThat(download.body()).isEqualTo(pem);
    }

    @Test
    void nonSuperuserThenForbiddenEverywhereAndNoSecretView() {
        String pk = generate("forbidden.example.org", "ecdsa").get("pk").asString();

        expect(server.get(PAIRS + pk + "/view_private_key/", userToken), 403);
        expect(server.get(PAIRS + pk + "/view_private_key/", null), 401);
        expect(server.get(PAIRS, userToken), 403);
        expect(server.send("POST", PAIRS + "generate/", userToken,
                obj("common_name", "x", "validity_days", 1)), 403);
        expect(server.send("DELETE", PAIRS + pk + "/", userToken, null), 403);
        assertThat(secretViews(pk)).isEmpty();
    }

    @Test
    void renameThenOnlyNameChangesAndKeyMaterialRefused() {
        JsonNode p = generate("rename.example.org", "ecdsa");
        String item = PAIRS + p.get("pk").asString() + "/";

        JsonNode renamed = expect(server.send("PATCH", item, ADMIN, obj("name", "renamed pair")), 200);
        assertThat(renamed.get("name").asString()).isEqualTo("renamed pair");
        assertThat(renamed.get("fingerprint_sha256").asString()).isEqualTo(p.get("fingerprint_sha256").asString());

        JsonNode refused = expect(server.send("PUT", item, ADMIN, obj("name", "x",
                "certificate_data", Pem.certificatesPem(RSA.chain()))), 400);
        assertThat(refused.propertyNames()).containsExactly("certificate_data");
        expect(server.send("PUT", item, ADMIN, "{}"), 400);
        expect(server.send("PATCH", item, ADMIN, obj("name", "authentik Self-signed Certificate")), 400);
    }

    @Test
    void deleteThen204AndGoneWithModelDeletedEvent() {
        String pk = generate("delete.example.org", "rsa").get("pk").asString();

        expect(server.send("DELETE", PAIRS + pk + "/", ADMIN, null), 204);

        expect(server.get(PAIRS + pk + "/", ADMIN), 404);
        expect(server.send("DELETE", PAIRS + pk + "/", ADMIN, null), 404);
        expect(server.get(PAIRS + "not-a-uuid/", ADMIN), 404);
        assertThat(ApiTestSupport.modelEvents(server, "model_deleted", "delete.example.org")).hasSize(1);
    }
}
