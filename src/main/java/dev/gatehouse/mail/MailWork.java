package dev.gatehouse.mail;

import dev.gatehouse.queue.WorkQueue;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;

/**
 * The mail queue as the {@link dev.gatehouse.queue.QueueWorker} drains it: a try sends one message over SMTP with the
 * settings it was queued with; a sent message's row goes and its {@code email_sent} event is recorded; one given up
 * keeps its recipient, subject and error, with a {@code system_task_exception} event.
 */
final class MailWork implements WorkQueue<MailQueue.Claimed> {
    private final MailQueue queue;
    private final SmtpClient smtp;

    MailWork(MailQueue queue, SmtpClient smtp) {
        this.queue = queue;
        this.smtp = smtp;
    }

    @Override
    public String name() {
        return "mail-sender";
    }

    @Override
    public String topic() {
        return SmtpMailer.TOPIC;
    }

    @Override
    public List<Due> due(DSLContext dsl, Instant now, int limit) {
        // A try is capped by the message's SMTP timeout.
        return queue.due(dsl, now, limit).stream().map(d -> new Due(d.id(), Duration.ofSeconds(d.timeoutSeconds())))
                .toList();
    }

    @Override
    public Optional<MailQueue.Claimed> claim(DSLContext dsl, UUID id, String claimant, Instant now, Instant until) {
        return queue.claim(dsl, id, claimant, now, until);
    }

    @Override
    public Outcome attempt(MailQueue.Claimed c) {
        if (c.unreadable() != null) {
            return new Outcome.Hopeless(c.unreadable());
        }
        return switch (smtp.send(c.mail(), c.smtp())) {
            case Delivery.Sent sent -> new Outcome.Done(dsl -> MailEvents.sent(dsl, c.mail(), c.from()));
            case Delivery.Failed failed -> new Outcome.Failed(failed.reason());
        };
    }

    @Override
    public boolean done(DSLContext dsl, MailQueue.Claimed c, String claimant) {
        return queue.sent(dsl, c.id(), claimant);
    }

    @Override
    public boolean retryAt(DSLContext dsl, MailQueue.Claimed c, String claimant, Instant at, String error) {
        return queue.retryAt(dsl, c.id(), claimant, at, error);
    }

    @Override
    public boolean giveUp(DSLContext dsl, MailQueue.Claimed c, String claimant, String reason) {
        if (!queue.failed(dsl, c.id(), claimant, reason)) {
            return false;
        }
        MailEvents.failed(dsl, c.mail(), c.from(), reason, c.attempt());
        return true;
    }

    @Override
    public Optional<Instant> nextDue(DSLContext dsl) {
        return queue.nextDue(dsl);
    }

    @Override
    public int deleteFailedBefore(DSLContext dsl, Instant before) {
        return queue.deleteFailedBefore(dsl, before);
    }

    @Override
    public String describe(MailQueue.Claimed c) {
        return "email to " + c.mail().to();
    }
}
