package dev.gatehouse.mail;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.cli.GatehouseProcess;
import jakarta.mail.Message;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/gatehouse test_email} as a real process against Debian's aiosmtpd as a separate SMTP process on a
 * loopback port: STARTTLS required, with a self-signed certificate made by openssl that the Gatehouse JVM trusts
 * through the standard {@code javax.net.ssl.trustStore} properties (GATEHOUSE_JVM_OPTS). Then the failures: a
 * certificate the JVM does not trust, and a closed port; each a non-zero exit and one line naming the setting.
 */
class TestEmailIT {
    @TempDir
    Path dir;

    private static Map<String, String> env(int port) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("GATEHOUSE_EMAIL__HOST", "127.0.0.1");
        env.put("GATEHOUSE_EMAIL__PORT", Integer.toString(port));
        env.put("GATEHOUSE_EMAIL__USE_TLS", "true");
        env.put("GATEHOUSE_EMAIL__TIMEOUT", "10");
        env.put("GATEHOUSE_EMAIL__FROM", "Gatehouse <gatehouse@example.org>");
        return env;
    }

    private GatehouseProcess testEmail(Map<String, String> env) {
        GatehouseProcess p = GatehouseProcess.start(dir.resolve("work"), env, "test_email", "someone@example.org");
        p.awaitExit(Duration.ofSeconds(90));
        return p;
    }

    @Test
    void testEmailSendsThroughStartTlsAndNamesTheSettingWhenItCannot() throws Exception {
        TestCertificates.Pair certificate = TestCertificates.make(dir, "smtp-loopback",
                "subjectAltName=IP:127.0.0.1,DNS:localhost");
        try (Aiosmtpd smtp = Aiosmtpd.startTls(certificate)) {
            Map<String, String> trusting = env(smtp.port());
            trusting.put("GATEHOUSE_JVM_OPTS", certificate.jvmOptions());

            try (GatehouseProcess sent = testEmail(trusting)) {
                assertThat(sent.awaitExit(Duration.ofSeconds(1))).as(sent.stderr() + smtp.log()).isZero();
                assertThat(sent.stdout().strip()).isEqualTo("gatehouse: test email sent to someone@example.org through "
                        + "127.0.0.1:" + smtp.port() + " (STARTTLS)");
            }
            List<MimeMessage> received = smtp.received();
            assertThat(received).hasSize(1);
            MimeMessage message = received.getFirst();
            assertThat(message.getSubject()).isEqualTo(TestEmail.SUBJECT);
            assertThat(message.getRecipients(Message.RecipientType.TO))
                    .containsExactly(new InternetAddress("someone@example.org"));
            assertThat(message.getFrom()).containsExactly(new InternetAddress("gatehouse@example.org", "Gatehouse"));
            assertThat(message.isMimeType("multipart/alternative")).isTrue();

            // The same server, but the JVM's own trust store does not hold its certificate.
            try (GatehouseProcess untrusted = testEmail(env(smtp.port()))) {
                assertThat(untrusted.awaitExit(Duration.ofSeconds(1))).isEqualTo(1);
                assertThat(untrusted.stdout()).isEmpty();
                assertThat(untrusted.stderr().strip()).doesNotContain("\n")
                        .startsWith("gatehouse: test email not sent: TLS handshake failed with smtp host 127.0.0.1:"
                                + smtp.port())
                        .endsWith("(EMAIL__USE_TLS/EMAIL__USE_SSL)");
            }
            assertThat(smtp.received()).hasSize(1);
        }

        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        try (GatehouseProcess refused = testEmail(env(closed))) {
            assertThat(refused.awaitExit(Duration.ofSeconds(1))).isEqualTo(1);
            assertThat(refused.stderr().strip()).isEqualTo("gatehouse: test email not sent: connection refused by smtp "
                    + "host 127.0.0.1:" + closed + " (EMAIL__HOST/EMAIL__PORT)");
        }
    }
}
