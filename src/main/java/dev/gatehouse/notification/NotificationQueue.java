package dev.gatehouse.notification;

import static dev.gatehouse.notification.NotificationTables.Queue.*;

import dev.gatehouse.core.Actor;
import dev.gatehouse.core.Event;
import dev.gatehouse.core.EventLog;
import dev.gatehouse.core.EventStore;
import dev.gatehouse.core.User;
import dev.gatehouse.core.UserStore;
import dev.gatehouse.queue.QueueTable;
import dev.gatehouse.queue.WorkQueue;
import dev.gatehouse.store.ChangeFeed;
import dev.gatehouse.store.Database;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Record;

/**
 * Rows of {@code events_notificationqueue} and what a try of each does. A {@code route} row (written with its event,
 * {@link NotificationOutbox}) is matched against the rules ({@link EventRouter}) and replaced, in one transaction, by
 * one {@code deliver} row per notification to send; a {@code deliver} row is sent through its transport
 * ({@link TransportSender}). Rows are claimed and kept as every queue's are ({@link QueueTable}).
 */
final class NotificationQueue implements WorkQueue<NotificationQueue.Claimed> {
    /** The change topic new rows are announced on (key {@value ChangeFeed#ALL}). */
    static final String TOPIC = "notification_queue";
    static final String ROUTE = "route";
    static final String DELIVER = "deliver";
    private static final QueueTable ROWS = new QueueTable(T, ID, STATUS, ATTEMPTS, NEXT_ATTEMPT, CLAIMED_BY,
            CLAIMED_UNTIL, LAST_ERROR, CREATED);
    /** Matching evaluates policies (30 s timeouts by default); a webhook POST takes at most its timeout. */
    private static final Duration ROUTE_TRY = Duration.ofMinutes(2);
    private static final Duration DELIVER_TRY = WebhookClient.TIMEOUT.multipliedBy(2);

    record Claimed(UUID id, String kind, UUID event, UUID rule, UUID transport, Long user, int attempt)
            implements WorkQueue.Claimed {
    }

    /** A row as stored (tests, diagnostics). */
    record Row(UUID id, String kind, UUID event, UUID transport, Long user, String status, int attempts,
               Instant nextAttempt, String lastError) {
    }

    private final Database db;
    private final EventRouter router;
    private final TransportSender sender;
    private final String secretKey;

    NotificationQueue(Database db, EventRouter router, TransportSender sender, String secretKey) {
        this.db = db;
        this.router = router;
        this.sender = sender;
        this.secretKey = secretKey;
    }

    /** Queues the matching of a just-recorded event, in the transaction that records it. */
    static void addRoute(DSLContext tx, UUID event, Instant now) {
        insert(tx, ROUTE, event, null, null, null, now);
    }

    private static void insert(DSLContext tx, String kind, UUID event, UUID rule, UUID transport, Long user,
                               Instant now) {
        tx.insertInto(T).set(ID, UUID.randomUUID()).set(KIND, kind).set(EVENT, event).set(RULE, rule)
                .set(TRANSPORT, transport).set(USER, user).set(STATUS, QueueTable.QUEUED).set(ATTEMPTS, 0)
                .set(NEXT_ATTEMPT, now).set(CREATED, now).execute();
        ChangeFeed.of(tx).publish(TOPIC, ChangeFeed.ALL);
    }

    @Override
    public String name() {
        return "notification-deliverer";
    }

    @Override
    public String topic() {
        return TOPIC;
    }

    @Override
    public List<Due> due(DSLContext dsl, Instant now, int limit) {
        return dsl.select(ID, KIND).from(T).where(ROWS.due(now)).orderBy(NEXT_ATTEMPT).limit(limit)
                .fetch(r -> new Due(r.get(ID), ROUTE.equals(r.get(KIND)) ? ROUTE_TRY : DELIVER_TRY));
    }

    @Override
    public Optional<Claimed> claim(DSLContext dsl, UUID id, String claimant, Instant now, Instant until) {
        if (!ROWS.claim(dsl, id, claimant, now, until)) {
            return Optional.empty();
        }
        return ROWS.claimed(dsl, id, claimant, ALL).map(r -> new Claimed(r.get(ID), r.get(KIND), r.get(EVENT), r.get(RULE), r.get(TRANSPORT),
                        r.get(USER), r.get(ATTEMPTS)));
    }

    @Override
    public Outcome attempt(Claimed c) {
        DSLContext dsl = db.dsl();
        Optional<Event> event = new EventStore(dsl).byPk(c.event());
        if (event.isEmpty()) {
            return Outcome.Done.NOTHING;
        }
        if (ROUTE.equals(c.kind())) {
            List<EventRouter.Delivery> deliveries = router.route(event.get());
            return new Outcome.Done(tx -> deliveries.forEach(d -> insert(tx, DELIVER, c.event(), d.rule(),
                    d.transport(), d.user(), Instant.now())));
        }
        // The rule, transport or user may have been deleted since: then there is nothing to send (as authentik).
        Optional<Rule> rule = new RuleStore(dsl).byPk(c.rule());
        Optional<User> user = new UserStore(dsl).byPk(c.user());
        Optional<Transport> transport = new TransportStore(dsl, secretKey).byPk(c.transport());
        if (rule.isEmpty() || user.isEmpty() || transport.isEmpty()) {
            return Outcome.Done.NOTHING;
        }
        if (transport.get().mode().webhook() && transport.get().webhookSecret() == null) {
            return new Outcome.Hopeless(TransportSender.UNREADABLE);
        }
        return switch (sender.send(transport.get(), NotificationContent.of(user.get(), event.get(), rule.get().severity()))) {
            case TransportSender.Sent sent -> new Outcome.Done(sent.effects());
            case TransportSender.Failed failed -> new Outcome.Failed(failed.reason());
        };
    }

    @Override
    public boolean done(DSLContext dsl, Claimed c, String claimant) {
        return ROWS.remove(dsl, c.id(), claimant);
    }

    @Override
    public boolean retryAt(DSLContext dsl, Claimed c, String claimant, Instant at, String error) {
        return ROWS.retryAt(dsl, c.id(), claimant, at, error);
    }

    /**
     * Given up: the row stays as {@code failed} with its error, and a {@code system_task_exception} event says so
     * (authentik's record of a failed task). It names the transport, and is never sent through that transport.
     */
    @Override
    public boolean giveUp(DSLContext dsl, Claimed c, String claimant, String reason) {
        boolean taken = ROWS.giveUp(dsl, c.id(), claimant, reason, Map.of());
        if (taken) {
            Map<String, Object> context = new LinkedHashMap<>();
            String task = ROUTE.equals(c.kind()) ? "event_trigger_handler" : "notification_transport";
            context.put("message", "Task " + task + " encountered an error: " + reason);
            context.put("task_name", task);
            context.put("event_pk", c.event().toString());
            if (c.transport() != null) {
                context.put(EventRouter.FAILED_TRANSPORT, c.transport().toString());
            }
            context.put("reason", reason);
            context.put("attempts", c.attempt());
            EventLog.record(dsl, "system_task_exception", Actor.SYSTEM, context);
        }
        return taken;
    }

    @Override
    public Optional<Instant> nextDue(DSLContext dsl) {
        return ROWS.nextDue(dsl);
    }

    @Override
    public int deleteFailedBefore(DSLContext dsl, Instant before) {
        return ROWS.deleteFailedBefore(dsl, before);
    }

    @Override
    public String describe(Claimed c) {
        return ROUTE.equals(c.kind()) ? "matching event " + c.event() + " against the notification rules"
                : "notification of event " + c.event() + " through transport " + c.transport();
    }

    static List<Row> rows(DSLContext dsl) {
        return dsl.select(ALL).from(T).orderBy(CREATED, ID).fetch(NotificationQueue::row);
    }

    private static Row row(Record r) {
        return new Row(r.get(ID), r.get(KIND), r.get(EVENT), r.get(TRANSPORT), r.get(USER), r.get(STATUS),
                r.get(ATTEMPTS), r.get(NEXT_ATTEMPT), r.get(LAST_ERROR));
    }
}
