package dev.gatehouse.notification;

import dev.gatehouse.config.EmailSettings;
import dev.gatehouse.core.Json;
import dev.gatehouse.mail.Mailer;
import java.util.List;
import java.util.function.Consumer;
import java.util.logging.Logger;
import org.jooq.DSLContext;

/**
 * Sends one notification through one transport. Webhooks are POSTed now ({@link WebhookClient}); the local transport
 * and email only say what to write ({@link Sent#effects}: the notification row, or the message for the mail queue,
 * which retries on its own), so the caller writes it in the transaction that ends the delivery.
 */
final class TransportSender {
    static final String UNREADABLE = "the webhook secret cannot be decrypted: was SECRET_KEY changed since it was set? "
            + "Set it again.";
    private static final Logger LOG = Logger.getLogger(TransportSender.class.getName());

    sealed interface Result {
    }

    /** Sent, or ready to be: {@code messages} as authentik's test answers them; {@code effects} still to write. */
    record Sent(List<String> messages, Consumer<DSLContext> effects) implements Result {
    }

    record Failed(String reason) implements Result {
    }

    private final WebhookClient webhooks;
    private final Mailer mailer;
    private final EmailSettings email;

    TransportSender(WebhookClient webhooks, Mailer mailer, EmailSettings email) {
        this.webhooks = webhooks;
        this.mailer = mailer;
        this.email = email;
    }

    Result send(Transport t, NotificationContent n) {
        return switch (t.mode()) {
            case LOCAL -> new Sent(List.of(), dsl -> new NotificationStore(dsl).insert(n.recipient().pk(),
                    n.event().pk(), n.severity(), n.body(), n.event().created()));
            case WEBHOOK -> post(t, Json.bytes(n.webhookBody()), n);
            case WEBHOOK_SLACK -> post(t, Json.bytes(n.slackBody()), n);
            case EMAIL -> email(n);
        };
    }

    private Result post(Transport t, byte[] body, NotificationContent n) {
        if (t.webhookSecret() == null) {
            return new Failed(UNREADABLE);
        }
        return switch (webhooks.post(t.webhookUrl(), body, t.webhookSecret(), n.event().pk())) {
            case WebhookClient.Result.Answered a when a.ok() -> new Sent(WebhookClient.messages(a), dsl -> { });
            case WebhookClient.Result.Answered a -> new Failed("the webhook answered HTTP " + a.status());
            case WebhookClient.Result.Unreachable u -> new Failed("the webhook could not be reached: " + u.reason());
        };
    }

    private Result email(NotificationContent n) {
        String to = n.recipient().email();
        if (to == null || to.isBlank()) {
            LOG.info(() -> "notification for " + n.recipient().username() + " not emailed: they have no email address");
            return new Sent(List.of(), dsl -> { });
        }
        if (email == null || email.host() == null || email.host().isBlank()) {
            return new Failed("email is not configured (EMAIL__HOST)");
        }
        return new Sent(List.of(), dsl -> mailer.queue(n.email(), email));
    }
}
