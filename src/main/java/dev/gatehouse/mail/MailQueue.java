package dev.gatehouse.mail;

import static dev.gatehouse.mail.MailTables.MailQueueRows.*;

import dev.gatehouse.config.EmailSettings;
import dev.gatehouse.crypto.SecretBox;
import dev.gatehouse.queue.QueueTable;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Record;

/**
 * Rows of {@code mail_queue}. The bodies and the SMTP password are sealed with a {@link SecretBox} of their own
 * purpose, bound to the row's id and column. A row is taken for sending by {@link #claim}, with the other queue
 * bookkeeping of {@link QueueTable}.
 */
final class MailQueue {
    static final String PURPOSE = "gatehouse/mail/queue/v1";
    static final String QUEUED = QueueTable.QUEUED;
    static final String SENDING = QueueTable.SENDING;
    static final String FAILED = QueueTable.FAILED;
    private static final QueueTable ROWS = new QueueTable(T, ID, STATUS, ATTEMPTS, NEXT_ATTEMPT, CLAIMED_BY,
            CLAIMED_UNTIL, LAST_ERROR, CREATED);

    /**
     * A claimed row: the message, the settings it is sent with, its sender, and how many tries this one is (from 1).
     * {@code unreadable} says why its sealed parts did not open (another SECRET_KEY); then {@code mail} has only the
     * recipient and subject, and {@code smtp} is null.
     */
    record Claimed(UUID id, OutgoingMail mail, EmailSettings smtp, String from, int attempt, String unreadable)
            implements dev.gatehouse.queue.WorkQueue.Claimed {
    }

    /** A row as stored, without its sealed parts (tests, diagnostics). */
    record Row(UUID id, String recipient, String subject, String status, int attempts, Instant nextAttempt,
               String lastError) {
    }

    private final SecretBox box;

    MailQueue(String secretKey) {
        this.box = new SecretBox(secretKey, PURPOSE);
    }

    UUID add(DSLContext dsl, OutgoingMail mail, EmailSettings smtp, Instant now) {
        UUID id = UUID.randomUUID();
        String password = smtp.password() == null || smtp.password().isEmpty() ? ""
                : box.seal(context(id, "smtp_password"), smtp.password());
        dsl.insertInto(T)
                .set(ID, id).set(RECIPIENT, mail.to()).set(SUBJECT, mail.subject())
                .set(BODY_HTML, box.seal(context(id, "body_html"), nullToEmpty(mail.html())))
                .set(BODY_TEXT, box.seal(context(id, "body_text"), nullToEmpty(mail.text())))
                .set(SMTP_HOST, smtp.host()).set(SMTP_PORT, smtp.port())
                .set(SMTP_USERNAME, nullToEmpty(smtp.username())).set(SMTP_PASSWORD, password)
                .set(SMTP_USE_TLS, smtp.useTls()).set(SMTP_USE_SSL, smtp.useSsl())
                .set(SMTP_TIMEOUT, smtp.timeoutSeconds()).set(SMTP_FROM, smtp.from())
                .set(STATUS, QUEUED).set(ATTEMPTS, 0).set(NEXT_ATTEMPT, now).set(CREATED, now)
                .execute();
        return id;
    }

    /** A due row: its id and the timeout of its settings, in seconds (how long a try may take). */
    record Due(UUID id, int timeoutSeconds) {
    }

    List<Due> due(DSLContext dsl, Instant now, int limit) {
        return dsl.select(ID, SMTP_TIMEOUT).from(T).where(ROWS.due(now)).orderBy(NEXT_ATTEMPT).limit(limit)
                .fetch(r -> new Due(r.get(ID), Math.max(1, r.get(SMTP_TIMEOUT))));
    }

    /**
     * Takes the row for {@code claimant} until {@code until} and counts the try, if it is still due; then opens it.
     * Empty when another process took it first.
     */
    Optional<Claimed> claim(DSLContext dsl, UUID id, String claimant, Instant now, Instant until) {
        if (!ROWS.claim(dsl, id, claimant, now, until)) {
            return Optional.empty();
        }
        return ROWS.claimed(dsl, id, claimant, ALL).map(this::open);
    }

    private Claimed open(Record r) {
        UUID id = r.get(ID);
        try {
            return opened(r);
        } catch (SecretBox.Unreadable e) {
            return new Claimed(id, new OutgoingMail(r.get(RECIPIENT), r.get(SUBJECT), "", ""), null, r.get(SMTP_FROM),
                    r.get(ATTEMPTS), "the queued message cannot be decrypted: was SECRET_KEY changed since it was queued?");
        }
    }

    private Claimed opened(Record r) {
        UUID id = r.get(ID);
        String sealedPassword = r.get(SMTP_PASSWORD);
        String password = sealedPassword.isEmpty() ? "" : box.open(context(id, "smtp_password"), sealedPassword);
        OutgoingMail mail = new OutgoingMail(r.get(RECIPIENT), r.get(SUBJECT),
                box.open(context(id, "body_html"), r.get(BODY_HTML)), box.open(context(id, "body_text"), r.get(BODY_TEXT)));
        EmailSettings smtp = new EmailSettings(r.get(SMTP_HOST), r.get(SMTP_PORT), r.get(SMTP_USERNAME), password,
                r.get(SMTP_USE_TLS), r.get(SMTP_USE_SSL), r.get(SMTP_TIMEOUT), r.get(SMTP_FROM));
        return new Claimed(id, mail, smtp, smtp.from(), r.get(ATTEMPTS), null);
    }

    /** Sent: the row goes (the event is the record). False when the claim was lost meanwhile. */
    boolean sent(DSLContext dsl, UUID id, String claimant) {
        return ROWS.remove(dsl, id, claimant);
    }

    /** A failed try with tries left: queued again for {@code at}. */
    boolean retryAt(DSLContext dsl, UUID id, String claimant, Instant at, String error) {
        return ROWS.retryAt(dsl, id, claimant, at, error);
    }

    /** Given up: the sealed parts are erased, the recipient, subject and error stay. */
    boolean failed(DSLContext dsl, UUID id, String claimant, String error) {
        return ROWS.giveUp(dsl, id, claimant, error, Map.of(BODY_HTML, "", BODY_TEXT, "", SMTP_PASSWORD, ""));
    }

    /** When the next row falls due (a queued row's time, or a claim's end); empty when nothing waits. */
    Optional<Instant> nextDue(DSLContext dsl) {
        return ROWS.nextDue(dsl);
    }

    /** Deletes the failed rows created before {@code before}. */
    int deleteFailedBefore(DSLContext dsl, Instant before) {
        return ROWS.deleteFailedBefore(dsl, before);
    }

    List<Row> rows(DSLContext dsl) {
        return dsl.select(ALL).from(T).orderBy(CREATED).fetch(r -> new Row(r.get(ID), r.get(RECIPIENT),
                r.get(SUBJECT), r.get(STATUS), r.get(ATTEMPTS), r.get(NEXT_ATTEMPT), r.get(LAST_ERROR)));
    }

    private static String context(UUID id, String column) {
        return "mail_queue:" + id + ":" + column;
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
