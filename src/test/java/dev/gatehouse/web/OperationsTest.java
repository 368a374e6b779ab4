package dev.gatehouse.web;

import static dev.gatehouse.api.ApiTestSupport.ADMIN;
import static dev.gatehouse.api.ApiTestSupport.JSON;
import static dev.gatehouse.api.ApiTestSupport.expect;
import static dev.gatehouse.api.ApiTestSupport.texts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.api.ApiTestSupport;
import dev.gatehouse.testing.TestServer;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Health, Prometheus metrics and the HTTPS listener. */
class OperationsTest {
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String metrics() {
        HttpResponse<String> r = server.get("/-/metrics/", null);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(ct -> assertThat(ct).startsWith("text/plain"));
        return r.body();
    }

    /** The value of the first sample line of {@code name} whose labels contain every given label. */
    private static double sample(String text, String name, String... labels) {
        for (String line : text.split("\n")) {
            if (!line.startsWith(name + "{")) {
                continue;
            }
            String labelPart = line.substring(name.length(), line.lastIndexOf('}') + 1);
            boolean all = true;
            for (String l : labels) {
                all &= labelPart.contains(l);
            }
            if (all) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return -1;
    }

    @Test
    void healthLiveThen200() {
        HttpResponse<String> r = server.get("/-/health/live/", null);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(r.body()).get("status").asString()).isEqualTo("ok");
    }

    @Test
    void healthReadyThen200() {
        HttpResponse<String> r = server.get("/-/health/ready/", null);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(r.body()).get("status").asString()).isEqualTo("ok");
    }

    @Test
    void metricsAfterUsersCallThenRequestCounterByRouteTemplate() {
        double before = sample(metrics(), "http_server_requests_seconds_count",
                "route=\"/api/v3/core/users/\"", "status=\"200\"", "method=\"GET\"");
        expect(server.get("/api/v3/core/users/", ADMIN), 200);
        expect(server.get("/api/v3/core/users/", ADMIN), 200);

        String text = metrics();

        double after = sample(text, "http_server_requests_seconds_count",
                "route=\"/api/v3/core/users/\"", "status=\"200\"", "method=\"GET\"");
        assertThat(after).isEqualTo(Math.max(before, 0) + 2);
        assertThat(Pattern.compile("(?m)^http_server_requests_seconds_count\\{[^}]*route=\"/api/v3/core/users/\"[^}]*"
                + "status=\"200\"[^}]*} [0-9.E]+$").matcher(text).find()).isTrue();
    }

    @Test
    void metricsWhenPathHasIdThenTemplateNotRawPath() {
        long pk = ApiTestSupport.adminPk(server);
        expect(server.get("/api/v3/core/users/" + pk + "/", ADMIN), 200);
        server.get("/api/v3/no/such/route/" + pk + "/", ADMIN);

        String text = metrics();

        assertThat(sample(text, "http_server_requests_seconds_count", "route=\"/api/v3/core/users/{pk}/\"",
                "status=\"200\"")).isGreaterThanOrEqualTo(1);
        assertThat(text).doesNotContain("route=\"/api/v3/core/users/" + pk + "/\"")
                .doesNotContain("/no/such/route/");
    }

    @Test
    void metricsWhenClientsMakeUpMethodsThenOneOtherTagNotOnePerMethod() {
        server.send("BREW1", "/-/health/live/", null, null);
        server.send("BREW2", "/-/health/live/", null, null);

        String text = metrics();

        assertThat(text).doesNotContain("method=\"BREW1\"").doesNotContain("method=\"BREW2\"");
        assertThat(sample(text, "http_server_requests_seconds_count", "method=\"OTHER\"")).isGreaterThanOrEqualTo(2);
    }

    @Test
    void metricsThenJvmAndHikariPoolMeters() {
        String text = metrics();
        assertThat(sample(text, "jvm_memory_used_bytes", "area=\"heap\"")).isGreaterThan(0);
        assertThat(sample(text, "hikaricp_connections", "pool=\"gatehouse-db\"")).isGreaterThan(0);
        assertThat(text).contains("hikaricp_connections_max{pool=\"gatehouse-db\"}");
    }

    @Test
    void httpsListenerThenSameApiWithGeneratedCertificate() throws Exception {
        CertificateFactory cf = CertificateFactory.getInstance("X.509");
        X509Certificate cert;
        try (InputStream in = Files.newInputStream(server.dataDir().resolve("certs/https.crt"))) {
            cert = (X509Certificate) cf.generateCertificate(in);
        }
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        trust.setCertificateEntry("gatehouse", cert);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(null, tmf.getTrustManagers(), null);
        String url = "https://127.0.0.1:" + server.gatehouse().httpsPort() + "/api/v3/core/users/";

        try (HttpClient https = HttpClient.newBuilder().sslContext(ssl).build()) {
            HttpResponse<String> r = ApiTestSupport.send(https, url, "GET", ADMIN, null);
            JsonNode body = expect(r, 200);
            assertThat(texts(body.get("results"), "username")).containsExactly("akadmin");
            expect(ApiTestSupport.send(https, url, "GET", null, null), 401);
        }
        try (HttpClient untrusting = HttpClient.newHttpClient()) {
            assertThatThrownBy(() -> ApiTestSupport.send(untrusting, url, "GET", ADMIN, null))
                    .hasCauseInstanceOf(javax.net.ssl.SSLHandshakeException.class);
        }
    }

    @Test
    void responsesCarrySecurityHeaders() {
        HttpResponse<String> r = server.get("/api/v3/core/users/me/", ADMIN);
        assertThat(r.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(r.headers().firstValue("Cache-Control")).hasValue("no-store");
    }
}
