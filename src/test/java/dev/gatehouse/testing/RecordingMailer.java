package dev.gatehouse.testing;

import dev.gatehouse.config.EmailSettings;
import dev.gatehouse.mail.Delivery;
import dev.gatehouse.mail.Mailer;
import dev.gatehouse.mail.OutgoingMail;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A {@link Mailer} for unit tests of what sends mail: it keeps what it was given (queued, delivered, recorded as
 * failed) and delivers now or fails as the test says ({@link #failWith}). The SMTP mailer itself is tested against a
 * real SMTP server.
 */
public final class RecordingMailer implements Mailer {
    /** Global settings for tests. */
    public static final EmailSettings SETTINGS = new EmailSettings("localhost", 2525, "", "", false, false, 5,
            "gatehouse@example.org");

    public record Sent(OutgoingMail mail, EmailSettings smtp, boolean queued) {
    }

    private final List<Sent> sent = new CopyOnWriteArrayList<>();
    private final List<String> failures = new CopyOnWriteArrayList<>();
    private volatile String failure;

    @Override
    public void queue(OutgoingMail mail, EmailSettings smtp) {
        sent.add(new Sent(mail, smtp, true));
    }

    @Override
    public Delivery deliverNow(OutgoingMail mail, EmailSettings smtp) {
        String reason = failure;
        if (reason != null) {
            return new Delivery.Failed(reason);
        }
        sent.add(new Sent(mail, smtp, false));
        return new Delivery.Sent();
    }

    @Override
    public void recordFailure(OutgoingMail mail, String reason) {
        failures.add(mail.to() + ": " + reason);
    }

    /** Every later {@link #deliverNow} fails with {@code reason}; null: they succeed again. */
    public void failWith(String reason) {
        this.failure = reason;
    }

    public List<Sent> sent() {
        return List.copyOf(sent);
    }

    public List<String> failures() {
        return List.copyOf(failures);
    }
}
