package dev.gatehouse.notification;

import dev.gatehouse.config.EmailSettings;
import dev.gatehouse.core.Actor;
import dev.gatehouse.core.Event;
import dev.gatehouse.core.EventLog;
import dev.gatehouse.core.User;
import dev.gatehouse.core.errors.NotFoundException;
import dev.gatehouse.mail.Mailer;
import dev.gatehouse.policy.engine.PolicyEngine;
import dev.gatehouse.queue.QueueWorker;
import dev.gatehouse.queue.RetrySchedule;
import dev.gatehouse.store.Database;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The notifications feature as the server wires it: the background deliverer (the shared {@link QueueWorker} over
 * {@link NotificationQueue}) and a transport's test.
 */
public final class Notifications {
    private final Database db;
    private final String secretKey;
    private final TransportSender sender;
    private final NotificationQueue queue;

    public Notifications(Database db, String secretKey, Mailer mailer, EmailSettings email) {
        this.db = db;
        this.secretKey = secretKey;
        this.sender = new TransportSender(new WebhookClient(), mailer, email);
        this.queue = new NotificationQueue(db, new EventRouter(db, new PolicyEngine(db)), sender, secretKey);
    }

    /** The background deliverer with authentik-like retries (not started). */
    public QueueWorker<?> deliverer() {
        return deliverer(RetrySchedule.DEFAULT, QueueWorker.DEFAULT_POLL, Clock.systemUTC());
    }

    public QueueWorker<?> deliverer(RetrySchedule retries, Duration poll, Clock clock) {
        return new QueueWorker<>(db, queue, retries, poll, clock);
    }

    /** The result of a transport's test: authentik's {@code messages}, or why it failed. */
    public record TestResult(boolean sent, List<String> messages, String error) {
    }

    /**
     * Sends a test notification through the transport to {@code caller} now (authentik's {@code test} action): a
     * {@code notification_test} event, then the transport's send, with its effects (the notification row, the queued
     * email) written on success.
     */
    public TestResult test(UUID transportPk, Actor caller) {
        if (caller.user() == null) {
            throw new IllegalArgumentException("a test notification goes to a user");
        }
        Transport transport = new TransportStore(db.dsl(), secretKey).byPk(transportPk)
                .orElseThrow(NotFoundException::new);
        User user = caller.user();
        Event event = db.tx(dsl -> EventLog.record(dsl, "notification_test", caller, Map.of("foo", "bar")));
        NotificationContent content = new NotificationContent(user, event, Severity.NOTICE,
                "Test Notification from transport " + transport.name());
        return switch (sender.send(transport, content)) {
            case TransportSender.Sent sent -> {
                db.txRun(sent.effects());
                yield new TestResult(true, sent.messages(), null);
            }
            case TransportSender.Failed failed -> new TestResult(false, List.of(), failed.reason());
        };
    }
}
