package dev.gatehouse.mail;

import dev.gatehouse.core.Actor;
import dev.gatehouse.core.EventLog;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;

/**
 * The events of outgoing mail, named as authentik records them: {@code email_sent} for a delivered message (its
 * context: message, subject, from_email, to_email) and {@code system_task_exception} for one given up (authentik's
 * record of a failed {@code send_mail} task), with the reason. The body is left out: it may hold a single-use link.
 */
final class MailEvents {
    static final String SENT = "email_sent";
    static final String FAILED = "system_task_exception";

    private MailEvents() {
    }

    static void sent(DSLContext dsl, OutgoingMail mail, String from) {
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("message", "Email to " + mail.to() + " sent");
        context.put("subject", mail.subject());
        context.put("from_email", from);
        context.put("to_email", List.of(mail.to()));
        EventLog.record(dsl, SENT, Actor.SYSTEM, context);
    }

    /** {@code attempts}: how many times the queue tried it, or 0 for a message sent directly. */
    static void failed(DSLContext dsl, OutgoingMail mail, String from, String reason, int attempts) {
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("message", "Task send_mail encountered an error: email to " + mail.to() + " could not be sent: "
                + reason);
        context.put("actor", "send_mail");
        context.put("subject", mail.subject());
        if (from != null) {
            context.put("from_email", from);
        }
        context.put("to_email", List.of(mail.to()));
        context.put("reason", reason);
        if (attempts > 0) {
            context.put("attempts", attempts);
        }
        EventLog.record(dsl, FAILED, Actor.SYSTEM, context);
    }
}
