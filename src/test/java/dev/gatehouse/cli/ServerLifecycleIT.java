package dev.gatehouse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code server} on a fresh embedded data directory: set-up URL, readiness, HTTPS with the generated
 * certificate (kept across restarts), the bootstrap token, {@code healthcheck} and {@code create_admin_group}.
 */
class ServerLifecycleIT {
    private static final String TOKEN = "it-bootstrap-token-4f0c2a9e8b7d6c5a4f3e2d1c0b9a8f7e";

    @TempDir
    Path dir;

    @Test
    void freshServerIsReadyServesHttpsKeepsItsCertificateAndAnswersHealthcheck() throws Exception {
        Path data = dir.resolve("data");
        Map<String, String> env = GatehouseProcess.serverEnv(data);
        env.put("GATEHOUSE_BOOTSTRAP_TOKEN", TOKEN);
        Path crt = data.resolve("certs/https.crt");
        byte[] firstCert;
        try (GatehouseProcess server = GatehouseProcess.start(dir, env, "server")) {
            server.awaitReady();
            server.awaitStderr("/if/flow/initial-setup/");
            assertThat(server.stderr()).contains("http://127.0.0.1:" + server.httpPort() + "/if/flow/initial-setup/");

            assertThat(crt).exists();
            firstCert = Files.readAllBytes(crt);
            assertThat(httpsStatusLine(server.httpsPort(), crt)).startsWith("HTTP/1.1 200");

            HttpResponse<String> users = server.get("/api/v3/core/users/", TOKEN);
            assertThat(users.statusCode()).as(users.body()).isEqualTo(200);
            assertThat(users.body()).contains("\"akadmin\"");
            assertThat(server.get("/api/v3/core/users/", TOKEN + "x").statusCode()).isEqualTo(401);

            try (GatehouseProcess hc = GatehouseProcess.run(dir, env, null, "healthcheck")) {
                assertThat(hc.exitCode()).as(hc.stderr()).isZero();
            }
            server.terminate();
            assertThat(server.awaitExit(Duration.ofSeconds(20))).isIn(0, 143);
        }
        try (GatehouseProcess hc = GatehouseProcess.run(dir, env, null, "healthcheck")) {
            assertThat(hc.exitCode()).isEqualTo(1);
        }

        try (GatehouseProcess again = GatehouseProcess.start(dir, env, "server")) {
            again.awaitReady();
            assertThat(Files.readAllBytes(crt)).isEqualTo(firstCert);
            assertThat(httpsStatusLine(again.httpsPort(), crt)).startsWith("HTTP/1.1 200");
            assertThat(again.get("/api/v3/core/users/me/", TOKEN).statusCode()).isEqualTo(200);
            again.terminate();
            assertThat(again.awaitExit(Duration.ofSeconds(20))).isIn(0, 143);
        }

        try (GatehouseProcess p = GatehouseProcess.run(dir, env, null, "create_admin_group", "akadmin")) {
            assertThat(p.exitCode()).as(p.stderr()).isZero();
            assertThat(p.stdout()).contains("akadmin");
        }
        try (GatehouseProcess p = GatehouseProcess.run(dir, env, null, "create_admin_group", "nobody")) {
            assertThat(p.exitCode()).isEqualTo(1);
            assertThat(p.stderr()).contains("nobody");
        }
    }

    /** GET /-/health/live/ over TLS, trusting exactly the certificate file; returns the status line. */
    static String httpsStatusLine(int port, Path crt) throws Exception {
        X509Certificate cert;
        try (InputStream in = Files.newInputStream(crt)) {
            cert = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        trust.setCertificateEntry("gatehouse", cert);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        try (SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket("127.0.0.1", port)) {
            s.setSoTimeout(20_000);
            s.startHandshake();
            assertThat(s.getSession().getPeerCertificates()[0]).isEqualTo(cert);
            OutputStream out = s.getOutputStream();
            out.write("GET /-/health/live/ HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII)).readLine();
        }
    }
}
