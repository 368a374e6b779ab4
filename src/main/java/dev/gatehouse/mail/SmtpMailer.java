package dev.gatehouse.mail;

import dev.gatehouse.config.EmailSettings;
import dev.gatehouse.queue.RetrySchedule;
import dev.gatehouse.store.ChangeFeed;
import dev.gatehouse.store.Database;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jooq.DSLContext;

/**
 * The {@link Mailer} over SMTP: {@link #queue} writes to {@code mail_queue} in the caller's transaction
 * (a {@link Database#tx} inside another joins it) and announces it on the {@link ChangeFeed} topic {@value #TOPIC}, which wakes
 * the {@link MailSender} of every process once the transaction commits; {@link #deliverNow} sends on the calling
 * thread through {@link SmtpClient}.
 */
public final class SmtpMailer implements Mailer {
    /** The change topic a queued message is announced on (key {@value ChangeFeed#ALL}). */
    public static final String TOPIC = "mail_queue";
    private static final Logger LOG = Logger.getLogger(SmtpMailer.class.getName());

    private final Database db;
    private final MailQueue queue;
    private final SmtpClient smtp;
    private final Clock clock;

    /** Trusts the JVM's trust store for TLS; seals queued secrets under {@code secretKey}. */
    public SmtpMailer(Database db, String secretKey) {
        this(db, secretKey, SmtpClient.withJvmTrust(), Clock.systemUTC());
    }

    public SmtpMailer(Database db, String secretKey, SmtpClient smtp, Clock clock) {
        this.db = db;
        this.queue = new MailQueue(secretKey);
        this.smtp = smtp;
        this.clock = clock;
    }

    @Override
    public void queue(OutgoingMail mail, EmailSettings settings) {
        check(mail, settings);
        db.txRun(tx -> add(tx, mail, settings)); // joins the caller's transaction when there is one
    }

    private void add(DSLContext tx, OutgoingMail mail, EmailSettings settings) {
        queue.add(tx, mail, settings, clock.instant());
        ChangeFeed.of(tx).publish(TOPIC, ChangeFeed.ALL);
    }

    @Override
    public Delivery deliverNow(OutgoingMail mail, EmailSettings settings) {
        check(mail, settings);
        Delivery result = smtp.send(mail, settings);
        if (result instanceof Delivery.Sent) {
            try {
                db.txRun(dsl -> MailEvents.sent(dsl, mail, settings.from()));
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "email to " + mail.to() + " was sent but its email_sent event was not recorded", e);
            }
        }
        return result;
    }

    @Override
    public void recordFailure(OutgoingMail mail, String reason) {
        Objects.requireNonNull(mail, "mail");
        db.txRun(dsl -> MailEvents.failed(dsl, mail, null, SmtpFailures.oneLine(reason), 0));
    }

    /** The background sender of the queue, with authentik-like retries (not started). */
    public MailSender sender() {
        return sender(RetrySchedule.DEFAULT, MailSender.DEFAULT_POLL);
    }

    public MailSender sender(RetrySchedule retries, Duration poll) {
        return new MailSender(db, queue, smtp, retries, poll, clock);
    }

    MailQueue queueStore() {
        return queue;
    }

    private static void check(OutgoingMail mail, EmailSettings settings) {
        Objects.requireNonNull(mail, "mail");
        Objects.requireNonNull(settings, "smtp settings");
        if (mail.to() == null || mail.to().isBlank()) {
            throw new IllegalArgumentException("an email needs a recipient");
        }
        if (mail.subject() == null) {
            throw new IllegalArgumentException("an email needs a subject");
        }
    }
}
