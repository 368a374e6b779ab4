package dev.gatehouse.mail;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import dev.gatehouse.config.EmailSettings;
import jakarta.mail.Message;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * One SMTP delivery against real servers: GreenMail (plain SMTP, SMTP AUTH, SMTPS) in the JUnit process and
 * Debian's aiosmtpd for STARTTLS, which GreenMail does not offer. What arrives is read back as a MimeMessage; each
 * failure is one line naming the setting to fix.
 */
class SmtpClientTest {
    /** Before the extension: GreenMail's SMTPS reads its keystore property when its first TLS server starts. */
    private static final TestCertificates.Pair LOOPBACK = TestCertificates.loopback();
    private static final String PASSWORD = "s3cret-Pass-42";

    @RegisterExtension
    static final GreenMailExtension GREENMAIL = new GreenMailExtension(new ServerSetup[] {
        new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort(),
        new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTPS).dynamicPort()})
            .withConfiguration(GreenMailConfiguration.aConfig().withUser("alice@example.org", "alice", PASSWORD));

    @TempDir
    Path dir;

    private static final OutgoingMail MAIL = new OutgoingMail("bob@example.org", "Grüße — Passwort zurücksetzen ✓",
            "<p>Hallo <b>Bob</b>, <a href=\"https://id.example.org/if/flow/recovery/?flow_token=abc\">weiter</a> ✓</p>",
            "Hallo Bob, weiter: https://id.example.org/if/flow/recovery/?flow_token=abc ✓");

    private static EmailSettings plain(int port) {
        return new EmailSettings("127.0.0.1", port, "", "", false, false, 5, "Gatehouse <gatehouse@example.org>");
    }

    private static int smtpPort() {
        return GREENMAIL.getSmtp().getPort();
    }

    private static int smtpsPort() {
        return GREENMAIL.getSmtps().getPort();
    }

    private static SmtpClient trustingLoopback() {
        return new SmtpClient(LOOPBACK.trusting());
    }

    @Test
    void plainSmtpDeliversAMultipartAlternativeMessageWithAUtf8Subject() throws Exception {
        Delivery result = SmtpClient.withJvmTrust().send(MAIL, plain(smtpPort()));

        assertThat(result).isEqualTo(new Delivery.Sent());
        MimeMessage[] received = GREENMAIL.getReceivedMessages();
        assertThat(received).hasSize(1);
        assertDelivered(received[0]);
        assertThat(received[0].getHeader("Subject")[0]).as("encoded as RFC 2047 UTF-8").startsWith("=?UTF-8?");
    }

    static void assertDelivered(MimeMessage m) throws Exception {
        assertThat(m.getSubject()).isEqualTo(MAIL.subject());
        assertThat(m.getFrom()).containsExactly(new InternetAddress("gatehouse@example.org", "Gatehouse"));
        assertThat(m.getRecipients(Message.RecipientType.TO)).containsExactly(new InternetAddress("bob@example.org"));
        assertThat(m.isMimeType("multipart/alternative")).as(m.getContentType()).isTrue();
        MimeMultipart parts = (MimeMultipart) m.getContent();
        assertThat(parts.getCount()).isEqualTo(2);
        assertThat(parts.getBodyPart(0).isMimeType("text/plain")).isTrue();
        assertThat(parts.getBodyPart(0).getContentType()).containsIgnoringCase("charset=UTF-8");
        assertThat(((String) parts.getBodyPart(0).getContent()).strip()).isEqualTo(MAIL.text());
        assertThat(parts.getBodyPart(1).isMimeType("text/html")).isTrue();
        assertThat(((String) parts.getBodyPart(1).getContent()).strip()).isEqualTo(MAIL.html());
    }

    @Test
    void smtpAuthWithTheRightPasswordDelivers() throws Exception {
        EmailSettings smtp = new EmailSettings("127.0.0.1", smtpPort(), "alice", PASSWORD, false, false, 5,
                "gatehouse@example.org");

        assertThat(SmtpClient.withJvmTrust().send(MAIL, smtp)).isEqualTo(new Delivery.Sent());
        assertThat(GREENMAIL.getReceivedMessages()).hasSize(1);
    }

    @Test
    void aWrongPasswordIsAnAuthenticationFailureNamingTheUserNotThePassword() {
        EmailSettings smtp = new EmailSettings("127.0.0.1", smtpPort(), "alice", "wrong-Password-7", false, false, 5,
                "gatehouse@example.org");

        String reason = failure(SmtpClient.withJvmTrust().send(MAIL, smtp));

        assertThat(reason).startsWith("authentication failed for user alice")
                .endsWith("(EMAIL__USERNAME/EMAIL__PASSWORD)").doesNotContain("wrong-Password-7");
        assertThat(GREENMAIL.getReceivedMessages()).isEmpty();
    }

    @Test
    void smtpsWithATrustedCertificateForTheHostDelivers() throws Exception {
        EmailSettings smtp = new EmailSettings("127.0.0.1", smtpsPort(), "alice", PASSWORD, false, true, 5,
                "Gatehouse <gatehouse@example.org>");

        assertThat(trustingLoopback().send(MAIL, smtp)).isEqualTo(new Delivery.Sent());
        assertThat(GREENMAIL.getReceivedMessages()).hasSize(1);
        assertDelivered(GREENMAIL.getReceivedMessages()[0]);
    }

    @Test
    void smtpsWithACertificateTheJvmDoesNotTrustFailsTheHandshake() {
        EmailSettings smtp = new EmailSettings("127.0.0.1", smtpsPort(), "", "", false, true, 5, "gatehouse@example.org");

        String reason = failure(SmtpClient.withJvmTrust().send(MAIL, smtp));

        assertThat(reason).startsWith("TLS handshake failed with smtp host 127.0.0.1:" + smtpsPort())
                .contains("not trusted").endsWith("(EMAIL__USE_TLS/EMAIL__USE_SSL)");
        assertThat(GREENMAIL.getReceivedMessages()).isEmpty();
    }

    @Test
    void smtpsAgainstAPlainPortSaysTheServerDoesNotSpeakTls() {
        EmailSettings smtp = new EmailSettings("127.0.0.1", smtpPort(), "", "", false, true, 5, "gatehouse@example.org");

        String reason = failure(trustingLoopback().send(MAIL, smtp));

        assertThat(reason).startsWith("TLS handshake failed").contains("does not speak TLS on this port")
                .endsWith("(EMAIL__USE_TLS/EMAIL__USE_SSL)");
    }

    @Test
    void startTlsRequiredAgainstAServerWithoutItFails() {
        EmailSettings smtp = new EmailSettings("127.0.0.1", smtpPort(), "", "", true, false, 5, "gatehouse@example.org");

        String reason = failure(trustingLoopback().send(MAIL, smtp));

        assertThat(reason).isEqualTo("smtp host 127.0.0.1:" + smtpPort() + " does not offer STARTTLS (EMAIL__USE_TLS)");
        assertThat(GREENMAIL.getReceivedMessages()).isEmpty();
    }

    @Test
    void startTlsWithATrustedCertificateDeliversThroughAiosmtpd() throws Exception {
        try (Aiosmtpd server = Aiosmtpd.startTls(LOOPBACK)) {
            EmailSettings smtp = new EmailSettings("127.0.0.1", server.port(), "", "", true, false, 5,
                    "Gatehouse <gatehouse@example.org>");

            assertThat(trustingLoopback().send(MAIL, smtp)).as(server.log()).isEqualTo(new Delivery.Sent());

            List<MimeMessage> received = server.received();
            assertThat(received).hasSize(1);
            assertDelivered(received.getFirst());
        }
    }

    @Test
    void plainSmtpToAServerThatRequiresStartTlsIsRefused() throws Exception {
        try (Aiosmtpd server = Aiosmtpd.startTls(LOOPBACK)) {
            EmailSettings smtp = new EmailSettings("127.0.0.1", server.port(), "", "", false, false, 5,
                    "gatehouse@example.org");

            String reason = failure(trustingLoopback().send(MAIL, smtp));

            assertThat(reason).startsWith("smtp host 127.0.0.1:" + server.port() + " requires STARTTLS: 530")
                    .endsWith("(EMAIL__USE_TLS)");
            assertThat(server.received()).isEmpty();
        }
    }

    @Test
    void startTlsWithACertificateForAnotherHostFailsTheHandshake() throws Exception {
        TestCertificates.Pair other = TestCertificates.make(dir, "mail.example.org", "subjectAltName=DNS:mail.example.org");
        try (Aiosmtpd server = Aiosmtpd.startTls(other)) {
            EmailSettings smtp = new EmailSettings("127.0.0.1", server.port(), "", "", true, false, 5,
                    "gatehouse@example.org");

            String reason = failure(new SmtpClient(other.trusting()).send(MAIL, smtp));

            assertThat(reason).isEqualTo("TLS handshake failed with smtp host 127.0.0.1:" + server.port()
                    + ": the server certificate is not issued for 127.0.0.1 (EMAIL__USE_TLS/EMAIL__USE_SSL)");
            assertThat(server.received()).isEmpty();
        }
    }

    @Test
    void aClosedPortIsConnectionRefused() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }

        String reason = failure(SmtpClient.withJvmTrust().send(MAIL, plain(port)));

        assertThat(reason).isEqualTo("connection refused by smtp host 127.0.0.1:" + port + " (EMAIL__HOST/EMAIL__PORT)");
    }

    @Test
    void aServerThatNeverAnswersTimesOutWithinTheTimeout() throws Exception {
        List<Socket> accepted = new ArrayList<>();
        try (ServerSocket silent = new ServerSocket()) {
            silent.bind(new InetSocketAddress("127.0.0.1", 0));
            Thread acceptor = Thread.ofVirtual().start(() -> {
                try {
                    while (true) {
                        accepted.add(silent.accept()); // and never a word
                    }
                } catch (java.io.IOException closed) {
                    // the test is over
                }
            });
            EmailSettings smtp = new EmailSettings("127.0.0.1", silent.getLocalPort(), "", "", false, false, 1,
                    "gatehouse@example.org");

            long start = System.nanoTime();
            String reason = failure(SmtpClient.withJvmTrust().send(MAIL, smtp));
            long millis = (System.nanoTime() - start) / 1_000_000;

            assertThat(reason).isEqualTo("timed out after 1s talking to smtp host 127.0.0.1:" + silent.getLocalPort()
                    + " (EMAIL__TIMEOUT)");
            assertThat(millis).as("waited at most about the timeout").isBetween(900L, 2500L);
            silent.close();
            acceptor.join();
        } finally {
            for (Socket s : accepted) {
                s.close();
            }
        }
    }

    @Test
    void anUnknownHostIsNamed() {
        EmailSettings smtp = new EmailSettings("no-such-host.invalid", 25, "", "", false, false, 5, "gatehouse@example.org");

        assertThat(failure(SmtpClient.withJvmTrust().send(MAIL, smtp)))
                .isEqualTo("unknown smtp host no-such-host.invalid (EMAIL__HOST)");
    }

    @Test
    void bothTlsModesAtOnceAreRefusedBeforeConnecting() {
        EmailSettings smtp = new EmailSettings("127.0.0.1", smtpPort(), "", "", true, true, 5, "gatehouse@example.org");

        assertThat(failure(SmtpClient.withJvmTrust().send(MAIL, smtp))).endsWith("(EMAIL__USE_TLS/EMAIL__USE_SSL)");
        assertThat(GREENMAIL.getReceivedMessages()).isEmpty();
    }

    @Test
    void anInvalidSenderAddressNamesEmailFrom() {
        EmailSettings smtp = new EmailSettings("127.0.0.1", smtpPort(), "", "", false, false, 5, "not an address@@");

        assertThat(failure(SmtpClient.withJvmTrust().send(MAIL, smtp)))
                .isEqualTo("invalid sender address \"not an address@@\" (EMAIL__FROM)");
    }

    static String failure(Delivery delivery) {
        assertThat(delivery).isInstanceOf(Delivery.Failed.class);
        String reason = ((Delivery.Failed) delivery).reason();
        assertThat(reason).doesNotContain("\n").doesNotContain("\r");
        return reason;
    }

}
