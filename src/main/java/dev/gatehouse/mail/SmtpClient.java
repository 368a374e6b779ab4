package dev.gatehouse.mail;

import dev.gatehouse.config.EmailSettings;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.nio.charset.StandardCharsets;
import java.security.NoSuchAlgorithmException;
import java.util.Date;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;

/**
 * One SMTP delivery with Angus Mail: connect (plain, STARTTLS required with {@code use_tls}, or implicit TLS with
 * {@code use_ssl}), authenticate when a username is set, send a multipart/alternative message (plain text, then
 * HTML) with a UTF-8 subject. The whole attempt is bounded by the settings' timeout (also each connect, read and
 * write); whatever fails comes back as one line ({@link SmtpFailures}). The server certificate must chain to the
 * trust anchors of {@code tls} and name the host: by default the JVM's trust store, which the standard
 * {@code javax.net.ssl.trustStore} properties replace.
 */
public final class SmtpClient {
    /** The writes' timeouts: Angus Mail schedules them on an executor, one for every connection otherwise. */
    private static final ScheduledExecutorService WRITE_TIMEOUTS = writeTimeouts();
    private final Supplier<SSLSocketFactory> trust;
    private volatile SSLSocketFactory tls;

    /** {@code tls}: the TLS client sockets (their trust anchors); they are made to check the host name. */
    public SmtpClient(SSLSocketFactory tls) {
        this(() -> tls);
    }

    private SmtpClient(Supplier<SSLSocketFactory> trust) {
        this.trust = trust;
    }

    /**
     * Trusts what the JVM trusts: its trust store, or the one {@code -Djavax.net.ssl.trustStore} names. It is loaded
     * when the first message is sent, not at start-up.
     */
    public static SmtpClient withJvmTrust() {
        return new SmtpClient(() -> {
            try {
                return SSLContext.getDefault().getSocketFactory();
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("the JVM has no default TLS context", e);
            }
        });
    }

    private static ScheduledExecutorService writeTimeouts() {
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1,
                Thread.ofPlatform().daemon().name("smtp-write-timeouts").factory());
        executor.setKeepAliveTime(30, TimeUnit.SECONDS);
        executor.allowCoreThreadTimeOut(true); // no thread while no mail is being sent
        executor.setRemoveOnCancelPolicy(true);
        return executor;
    }

    private SSLSocketFactory tls() {
        SSLSocketFactory t = tls;
        if (t == null) {
            t = new HostCheckingSocketFactory(trust.get());
            tls = t;
        }
        return t;
    }

    /** The settings' timeout in seconds, at least one. */
    static int timeoutSeconds(EmailSettings smtp) {
        return Math.max(1, smtp.timeoutSeconds());
    }

    /** Sends the message, waiting at most the settings' timeout; never throws for an SMTP or network failure. */
    public Delivery send(OutgoingMail mail, EmailSettings smtp) {
        if (smtp.useTls() && smtp.useSsl()) {
            return new Delivery.Failed(SmtpFailures.bothTlsModes());
        }
        CompletableFuture<Delivery> result = new CompletableFuture<>();
        Thread worker = Thread.ofVirtual().name("smtp-" + smtp.host()).start(() -> {
            try {
                result.complete(attempt(mail, smtp));
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        });
        try {
            return result.get(timeoutSeconds(smtp), TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            worker.interrupt(); // a virtual thread blocked on a socket: the socket is closed
            return new Delivery.Failed(SmtpFailures.timedOut(smtp));
        } catch (InterruptedException e) {
            worker.interrupt();
            Thread.currentThread().interrupt();
            return new Delivery.Failed("interrupted while sending through smtp host " + SmtpFailures.where(smtp));
        } catch (ExecutionException e) {
            return new Delivery.Failed(SmtpFailures.reason(e.getCause(), smtp));
        }
    }

    private Delivery attempt(OutgoingMail mail, EmailSettings smtp) throws MessagingException {
        Session session = Session.getInstance(properties(smtp));
        MimeMessage message;
        try {
            message = message(session, mail, smtp);
        } catch (AddressException e) {
            return new Delivery.Failed(e.getRef() != null && e.getRef().equals(smtp.from())
                    ? SmtpFailures.invalidAddress("sender", smtp.from(), SmtpFailures.FROM)
                    : SmtpFailures.invalidAddress("recipient", mail.to(), null));
        }
        Transport transport = session.getTransport("smtp");
        try {
            boolean auth = smtp.username() != null && !smtp.username().isBlank();
            transport.connect(smtp.host(), smtp.port(), auth ? smtp.username() : null, auth ? smtp.password() : null);
            transport.sendMessage(message, message.getAllRecipients());
        } finally {
            try {
                transport.close();
            } catch (MessagingException e) {
                // QUIT after the message was accepted (or after the failure being reported) changes nothing
            }
        }
        return new Delivery.Sent();
    }

    private Properties properties(EmailSettings smtp) {
        String millis = Integer.toString(timeoutSeconds(smtp) * 1000);
        Properties p = new Properties();
        p.put("mail.smtp.host", smtp.host());
        p.put("mail.smtp.port", Integer.toString(smtp.port()));
        p.put("mail.smtp.connectiontimeout", millis);
        p.put("mail.smtp.timeout", millis);
        p.put("mail.smtp.writetimeout", millis);
        p.put("mail.smtp.executor.writetimeout", WRITE_TIMEOUTS);
        p.put("mail.smtp.auth", Boolean.toString(smtp.username() != null && !smtp.username().isBlank()));
        p.put("mail.smtp.ssl.enable", Boolean.toString(smtp.useSsl()));
        p.put("mail.smtp.starttls.enable", Boolean.toString(smtp.useTls()));
        p.put("mail.smtp.starttls.required", Boolean.toString(smtp.useTls()));
        if (smtp.useTls() || smtp.useSsl()) {
            p.put("mail.smtp.ssl.socketFactory", tls());
            // The sockets check the host name themselves (HostCheckingSocketFactory, the JDK's RFC 2818 rules, IP
            // addresses included); Angus Mail's own check would only repeat it.
            p.put("mail.smtp.ssl.checkserveridentity", "false");
        }
        return p;
    }

    private static MimeMessage message(Session session, OutgoingMail mail, EmailSettings smtp) throws MessagingException {
        MimeMessage message = new MimeMessage(session);
        message.setFrom(new InternetAddress(smtp.from(), true));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(mail.to(), true));
        message.setSubject(mail.subject(), StandardCharsets.UTF_8.name());
        message.setSentDate(new Date());
        MimeBodyPart text = new MimeBodyPart();
        text.setText(mail.text() == null ? "" : mail.text(), StandardCharsets.UTF_8.name(), "plain");
        MimeBodyPart html = new MimeBodyPart();
        html.setText(mail.html() == null ? "" : mail.html(), StandardCharsets.UTF_8.name(), "html");
        // RFC 2046 §5.1.4: the parts in increasing order of preference, the plain text first.
        MimeMultipart alternative = new MimeMultipart("alternative");
        alternative.addBodyPart(text);
        alternative.addBodyPart(html);
        message.setContent(alternative);
        message.saveChanges();
        return message;
    }
}
