package dev.gatehouse.mail;

import dev.gatehouse.config.EmailSettings;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.AddressException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.channels.ClosedByInterruptException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.util.Locale;
import javax.net.ssl.SSLException;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;

/**
 * Turns what went wrong in an SMTP attempt into one line that says what failed and which setting to look at
 * ({@code EMAIL__HOST}, {@code EMAIL__USE_TLS}, ...), for {@code test_email}, the events and the log. The password is
 * never part of it.
 */
final class SmtpFailures {
    static final String HOST_PORT = "EMAIL__HOST/EMAIL__PORT";
    static final String TLS = "EMAIL__USE_TLS/EMAIL__USE_SSL";
    static final String CREDENTIALS = "EMAIL__USERNAME/EMAIL__PASSWORD";
    static final String TIMEOUT = "EMAIL__TIMEOUT";
    static final String FROM = "EMAIL__FROM";
    /** How much of a server's answer is quoted. */
    private static final int MAX_QUOTE = 200;

    private SmtpFailures() {
    }

    static String timedOut(EmailSettings smtp) {
        return "timed out after " + SmtpClient.timeoutSeconds(smtp) + "s talking to smtp host " + where(smtp)
                + " (" + TIMEOUT + ")";
    }

    static String bothTlsModes() {
        return "use_tls (STARTTLS) and use_ssl (implicit TLS) are both set; set only one (" + TLS + ")";
    }

    static String invalidAddress(String what, String address, String setting) {
        return "invalid " + what + " address \"" + oneLine(address) + "\"" + (setting == null ? "" : " (" + setting + ")");
    }

    /** The reason for an exception thrown while connecting, authenticating or sending. */
    static String reason(Throwable failure, EmailSettings smtp) {
        String reason = describe(failure, smtp);
        String password = smtp.password();
        // Nothing above quotes the password; a server echoing it back is not trusted to be as careful.
        if (password != null && password.length() >= 4) {
            reason = reason.replace(password, "***");
        }
        return oneLine(reason);
    }

    private static String describe(Throwable failure, EmailSettings smtp) {
        String at = "smtp host " + where(smtp);
        if (find(failure, SocketTimeoutException.class) != null || find(failure, ClosedByInterruptException.class) != null
                || find(failure, InterruptedIOException.class) != null) {
            return timedOut(smtp);
        }
        UnknownHostException unknown = find(failure, UnknownHostException.class);
        if (unknown != null) {
            return "unknown smtp host " + smtp.host() + " (EMAIL__HOST)";
        }
        ConnectException refused = find(failure, ConnectException.class);
        if (refused != null) {
            String m = String.valueOf(refused.getMessage()).toLowerCase(Locale.ROOT);
            return (m.contains("refused") ? "connection refused by " + at : "cannot connect to " + at + ": " + m)
                    + " (" + HOST_PORT + ")";
        }
        NoRouteToHostException noRoute = find(failure, NoRouteToHostException.class);
        if (noRoute != null) {
            return "no route to " + at + " (" + HOST_PORT + ")";
        }
        SSLException tls = find(failure, SSLException.class);
        if (tls != null) {
            return "TLS handshake failed with " + at + ": " + tlsDetail(tls, smtp) + " (" + TLS + ")";
        }
        String said = messages(failure);
        if (!smtp.useTls() && !smtp.useSsl() && said.contains("STARTTLS")) {
            return at + " requires STARTTLS" + quote(firstAnswer(failure)) + " (EMAIL__USE_TLS)";
        }
        if (failure instanceof AuthenticationFailedException auth) {
            return "authentication failed for user " + smtp.username() + quote(auth.getMessage()) + " (" + CREDENTIALS + ")";
        }
        if (failure instanceof SMTPSenderFailedException sender) {
            return at + " refused the sender " + sender.getAddress() + quote(sender.getMessage()) + " (" + FROM + ")";
        }
        if (failure instanceof SMTPAddressFailedException recipient) {
            if (recipient.getReturnCode() == 530) {
                return needsAuthentication(at, recipient.getMessage());
            }
            return at + " refused the recipient " + recipient.getAddress() + quote(recipient.getMessage());
        }
        SMTPSendFailedException sendFailed = find(failure, SMTPSendFailedException.class);
        if (sendFailed != null) {
            if (sendFailed.getReturnCode() == 530) {
                return needsAuthentication(at, sendFailed.getMessage());
            }
            String nested = sendFailed.getNextException() instanceof MessagingException inner && inner != sendFailed
                    ? inner.getMessage() : sendFailed.getMessage();
            return at + " refused the message" + quote(nested) + " (EMAIL__HOST)";
        }
        if (failure instanceof AddressException address) {
            return "invalid address \"" + oneLine(address.getRef()) + "\"" + quote(address.getMessage());
        }
        String message = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
        if (message.contains("STARTTLS is required")) {
            return at + " does not offer STARTTLS (EMAIL__USE_TLS)";
        }
        if (message.strip().startsWith("530")) {
            return needsAuthentication(at, message);
        }
        return "sending through " + at + " failed" + quote(message) + " (EMAIL__HOST)";
    }

    /** Every message of the chain, for a look for a word. */
    private static String messages(Throwable failure) {
        StringBuilder all = new StringBuilder();
        java.util.Set<Throwable> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (Throwable t = failure; t != null && seen.add(t); t = next(t)) {
            all.append(' ').append(t.getMessage());
        }
        return all.toString();
    }

    /** The innermost message of the chain: the server's own answer, where there is one. */
    private static String firstAnswer(Throwable failure) {
        String answer = failure.getMessage();
        java.util.Set<Throwable> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (Throwable t = failure; t != null && seen.add(t); t = next(t)) {
            if (t.getMessage() != null) {
                answer = t.getMessage();
            }
        }
        return answer;
    }

    private static String needsAuthentication(String at, String answer) {
        return at + " requires authentication" + quote(answer) + " (" + CREDENTIALS + ")";
    }

    private static String tlsDetail(SSLException tls, EmailSettings smtp) {
        String message = String.valueOf(tls.getMessage());
        Throwable cert = find(tls, CertificateException.class);
        String certMessage = cert == null ? "" : String.valueOf(cert.getMessage());
        if (certMessage.contains("No subject alternative") || certMessage.contains("No name matching")) {
            return "the server certificate is not issued for " + smtp.host();
        }
        if (find(tls, CertPathBuilderException.class) != null || find(tls, CertPathValidatorException.class) != null
                || message.contains("PKIX") || certMessage.contains("PKIX")) {
            return "the server certificate is not trusted (not issued by a CA of the JVM trust store, "
                    + "javax.net.ssl.trustStore)";
        }
        if (message.contains("Unsupported or unrecognized SSL message") || message.contains("plaintext")) {
            return "the server does not speak TLS on this port (use_ssl is implicit TLS, usually port 465; "
                    + "use_tls is STARTTLS, usually port 587)";
        }
        if (message.contains("Remote host terminated") || message.contains("closed")) {
            return "the server closed the connection during the handshake";
        }
        return message;
    }

    static String where(EmailSettings smtp) {
        String host = smtp.host();
        return (host != null && host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + smtp.port();
    }

    private static String quote(String answer) {
        if (answer == null || answer.isBlank()) {
            return "";
        }
        String line = oneLine(answer);
        return ": " + (line.length() > MAX_QUOTE ? line.substring(0, MAX_QUOTE) + "..." : line);
    }

    static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("\\s+", " ").strip();
    }

    private static <T extends Throwable> T find(Throwable failure, Class<T> type) {
        java.util.Set<Throwable> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (Throwable t = failure; t != null && seen.add(t); t = next(t)) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    /** The cause, or a {@link MessagingException}'s next exception when it has no cause. */
    private static Throwable next(Throwable t) {
        if (t.getCause() != null) {
            return t.getCause();
        }
        return t instanceof MessagingException m ? m.getNextException() : null;
    }
}
