package dev.gatehouse.mail;

import dev.gatehouse.config.EmailSettings;

/** Sends mail over SMTP with the given settings (the global EMAIL__* ones, or an email stage's own). */
public interface Mailer {
    /**
     * Queues the message in the database (inside the caller's transaction when there is one, so it is sent only
     * if that commits) for background delivery with bounded retries and backoff; returns at once.
     */
    void queue(OutgoingMail mail, EmailSettings smtp);

    /**
     * Delivers now on the calling thread, waiting at most the settings' timeout. On success it records an
     * {@code email_sent} event; on failure it writes nothing and returns the reason.
     */
    Delivery deliverNow(OutgoingMail mail, EmailSettings smtp);

    /** Records the final failure of a message the caller gave up on (an event); used after a rollback. */
    void recordFailure(OutgoingMail mail, String reason);
}
