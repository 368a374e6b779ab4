package dev.gatehouse.notification;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.core.Actor;
import dev.gatehouse.core.CoreTables.Events;
import dev.gatehouse.core.Event;
import dev.gatehouse.core.EventLog;
import dev.gatehouse.core.Group;
import dev.gatehouse.core.GroupStore;
import dev.gatehouse.core.Json;
import dev.gatehouse.core.User;
import dev.gatehouse.core.UserStore;
import dev.gatehouse.core.UserType;
import dev.gatehouse.policy.PolicyBinding;
import dev.gatehouse.policy.PolicyBindingStore;
import dev.gatehouse.policy.PolicyStore;
import dev.gatehouse.queue.QueueWorker;
import dev.gatehouse.queue.RetrySchedule;
import dev.gatehouse.store.Database;
import dev.gatehouse.testing.Eventually;
import dev.gatehouse.testing.RecordingMailer;
import dev.gatehouse.testing.TestDatabases;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Routing and delivery of notifications on H2 and PostgreSQL, to a real HTTP receiver on loopback: the outbox row
 * commits with its event, the deliverer is woken by the commit, matching by bound policies, recipients and send_once,
 * the signature, retries with backoff, bounded tries, a restart, and two processes delivering each notification once.
 */
class NotificationDeliveryTest {
    private static final String KINDS = "dev.gatehouse.testing.TestDatabases#kinds";
    /** Long enough that a test passing within seconds was woken by the commit, not by the safety-net poll. */
    private static final Duration NO_POLL = Duration.ofMinutes(10);
    private static final RetrySchedule QUICK = new RetrySchedule(List.of(Duration.ofMillis(400), Duration.ofMillis(400),
            Duration.ofMillis(400), Duration.ofMillis(400)));
    private static final Duration SOON = Duration.ofSeconds(15);
    private static final String SECRET = "whsec-test-0123456789";

    /** A database with users alice (the event's) and bob (in group ops), and a rule on login_failed. */
    private record Setup(Database db, User alice, User bob, Group ops, Transport transport, Rule rule) {
    }

    private static Setup setup(Database db, String url, boolean sendOnce, boolean eventUser, TransportMode mode) {
        User alice = db.tx(dsl -> new UserStore(dsl).insert("alice", "Alice", "alice@example.org", "!", true,
                UserType.INTERNAL, "users", Map.of()));
        User bob = db.tx(dsl -> new UserStore(dsl).insert("bob", "Bob", "bob@example.org", "!", true,
                UserType.INTERNAL, "users", Map.of()));
        Group ops = db.tx(dsl -> {
            Group g = new GroupStore(dsl).insert("ops", false, Map.of());
            new GroupStore(dsl).addMember(g.pk(), bob.pk());
            return g;
        });
        Transport t = new TransportService(db, TestDatabases.SECRET_KEY).create(Actor.SYSTEM,
                new TransportChanges("hook", mode.wire(), url, mode.webhook() ? SECRET : null, sendOnce));
        Rule rule = new RuleService(db).create(Actor.SYSTEM, new RuleChanges("failed logins", List.of(t.pk()), "alert",
                Optional.of(ops.pk()), eventUser));
        bind(db, rule, "login_failed");
        return new Setup(db, alice, bob, ops, t, rule);
    }

    /** Binds an event matcher on {@code action} to the rule. */
    static void bind(Database db, Rule rule, String action) {
        db.txRun(dsl -> {
            UUID policy = new PolicyStore(dsl).insert("match " + action + " " + UUID.randomUUID(), "event_matcher",
                    Map.of("action", action), false).pk();
            new PolicyBindingStore(dsl).insert(new PolicyBinding(UUID.randomUUID(), rule.pk(),
                    PolicyBinding.TargetKind.NOTIFICATION_RULE, policy, null, null, false, true, 0, 30, false));
        });
    }

    private static Event record(Database db, String action, User user) {
        return db.tx(dsl -> EventLog.record(dsl, action, new Actor(user, "192.0.2.7"), Map.of("username", user.username())));
    }

    private static Notifications notifications(Database db, RecordingMailer mailer) {
        return new Notifications(db, TestDatabases.SECRET_KEY, mailer, RecordingMailer.SETTINGS);
    }

    private static QueueWorker<?> deliverer(Database db, RetrySchedule retries) {
        return notifications(db, new RecordingMailer()).deliverer(retries, NO_POLL, Clock.systemUTC());
    }

    private static List<NotificationQueue.Row> rows(Database db) {
        return NotificationQueue.rows(db.dsl());
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void aMatchedEventReachesTheWebhookSignedOncePerRecipientAndOthersDoNot(String kind) throws Exception {
        try (Database db = TestDatabases.open(kind); WebhookReceiver hook = new WebhookReceiver(n -> 200)) {
            Setup s = setup(db, hook.url(), false, true, TransportMode.WEBHOOK);
            try (QueueWorker<?> worker = deliverer(db, QUICK).start()) {
                record(db, "login", s.alice());
                Event failed = record(db, "login_failed", s.alice());
                Eventually.within(SOON, "alice and bob are notified", () -> hook.requests() == 2);
                Eventually.within(SOON, "the queue is empty", () -> rows(db).isEmpty());
                Thread.sleep(300);
                assertThat(hook.requests()).isEqualTo(2);
                Set<String> recipients = new HashSet<>();
                for (WebhookReceiver.Received r : hook.received) {
                    Map<String, Object> body = Json.map(r.body());
                    recipients.add((String) body.get("user_username"));
                    assertThat(body).containsEntry("severity", "alert").containsEntry("event_user_username", "alice")
                            .containsEntry("event_user_email", "alice@example.org").containsKey("body");
                    @SuppressWarnings("unchecked")
                    Map<String, Object> event = (Map<String, Object>) body.get("event");
                    assertThat(event).containsEntry("pk", failed.pk().toString())
                            .containsEntry("action", "login_failed").containsEntry("client_ip", "192.0.2.7")
                            .containsKeys("app", "context", "created", "user");
                    assertThat(r.header("X-Gatehouse-Event")).isEqualTo(failed.pk().toString());
                    assertThat(r.header("X-Gatehouse-Signature")).isEqualTo(WebhookClient.signature(SECRET,
                            r.body().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
                    assertThat(r.header("Content-Type")).isEqualTo("application/json");
                }
                assertThat(recipients).containsExactlyInAnyOrder("alice", "bob");
            }
        }
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void sendOnceSendsOneNotificationPerEventForTheTransport(String kind) throws Exception {
        try (Database db = TestDatabases.open(kind); WebhookReceiver hook = new WebhookReceiver(n -> 204)) {
            Setup s = setup(db, hook.url(), true, true, TransportMode.WEBHOOK_SLACK);
            try (QueueWorker<?> worker = deliverer(db, QUICK).start()) {
                record(db, "login_failed", s.alice());
                Eventually.within(SOON, "one message", () -> hook.requests() == 1 && rows(db).isEmpty());
                Thread.sleep(300);
                assertThat(hook.requests()).isEqualTo(1);
                Map<String, Object> slack = Json.map(hook.received.getFirst().body());
                assertThat(slack).containsKeys("username", "attachments");
                @SuppressWarnings("unchecked")
                Map<String, Object> attachment = ((List<Map<String, Object>>) slack.get("attachments")).getFirst();
                assertThat(attachment).containsEntry("title", "login_failed").containsKey("fields");
            }
        }
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void aFailedTryIsRetriedAfterTheBackoffUntilTheReceiverTakesIt(String kind) throws Exception {
        try (Database db = TestDatabases.open(kind); WebhookReceiver hook = new WebhookReceiver(n -> n <= 2 ? 503 : 200)) {
            Setup s = setup(db, hook.url(), true, true, TransportMode.WEBHOOK);
            try (QueueWorker<?> worker = deliverer(db, QUICK).start()) {
                record(db, "login_failed", s.alice());
                Eventually.within(SOON, "delivered on the third try", () -> hook.requests() == 3 && rows(db).isEmpty());
                long first = hook.received.get(0).atNanos();
                long third = hook.received.get(2).atNanos();
                assertThat(Duration.ofNanos(third - first)).isGreaterThanOrEqualTo(Duration.ofMillis(800));
                assertThat(hook.received.stream().map(WebhookReceiver.Received::body).distinct()).hasSize(1);
            }
        }
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void afterTheLastTryTheDeliveryIsGivenUpWithAnEventAndNotTriedAgain(String kind) throws Exception {
        RetrySchedule twoRetries = new RetrySchedule(List.of(Duration.ofMillis(200), Duration.ofMillis(200)));
        try (Database db = TestDatabases.open(kind); WebhookReceiver hook = new WebhookReceiver(n -> 500)) {
            Setup s = setup(db, hook.url(), true, true, TransportMode.WEBHOOK);
            // The give-up event matches a rule too: it must not be sent through the transport that failed.
            bind(db, s.rule(), "system_task_exception");
            try (QueueWorker<?> worker = deliverer(db, twoRetries).start()) {
                Event failed = record(db, "login_failed", s.alice());
                Eventually.within(SOON, "given up", () -> rows(db).stream().anyMatch(r -> r.status().equals("failed")));
                NotificationQueue.Row row = rows(db).getFirst();
                assertThat(row.attempts()).isEqualTo(3);
                assertThat(row.lastError()).contains("HTTP 500");
                assertThat(row.event()).isEqualTo(failed.pk());
                Thread.sleep(1000);
                assertThat(hook.requests()).isEqualTo(3);
                List<Map<String, Object>> exceptions = db.dsl().select(Events.CONTEXT).from(Events.T)
                        .where(Events.ACTION.eq("system_task_exception")).fetch(r -> Json.map(r.get(Events.CONTEXT)));
                assertThat(exceptions).singleElement().satisfies(c -> assertThat(c)
                        .containsEntry("task_name", "notification_transport")
                        .containsEntry("notification_transport_pk", s.transport().pk().toString())
                        .containsEntry("event_pk", failed.pk().toString()));
                assertThat(rows(db)).hasSize(1);
            }
        }
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void theOutboxRowCommitsWithItsEventAndANewDelivererSendsWhatWasLeft(String kind) throws Exception {
        try (Database db = TestDatabases.open(kind); WebhookReceiver hook = new WebhookReceiver(n -> 200)) {
            Setup s = setup(db, hook.url(), true, true, TransportMode.WEBHOOK);
            // The rule's own model_created event was queued for matching too; start from an empty queue.
            db.txRun(dsl -> dsl.deleteFrom(NotificationTables.Queue.T).execute());
            // No deliverer runs: the process "stopped right after the commit".
            Event left = record(db, "login_failed", s.alice());
            Event halfSent = record(db, "login_failed", s.alice());
            try {
                db.txRun(dsl -> {
                    EventLog.record(dsl, "login_failed", new Actor(s.alice(), "192.0.2.7"), Map.of());
                    throw new IllegalStateException("rolled back");
                });
            } catch (IllegalStateException expected) {
                // the event and its outbox row went together
            }
            assertThat(rows(db)).extracting(NotificationQueue.Row::event).containsExactlyInAnyOrder(left.pk(),
                    halfSent.pk());
            // An earlier process claimed one and stopped mid-try: its claim has run out.
            NotificationQueue queue = new NotificationQueue(db, null, null, TestDatabases.SECRET_KEY);
            UUID halfSentRow = rows(db).stream().filter(r -> r.event().equals(halfSent.pk())).findFirst().orElseThrow()
                    .id();
            Optional<NotificationQueue.Claimed> claimed = db.tx(dsl -> queue.claim(dsl, halfSentRow, "crashed-process",
                    Instant.now(), Instant.now().minusSeconds(1)));
            assertThat(claimed).isPresent();

            try (QueueWorker<?> restarted = deliverer(db, QUICK).start()) {
                Eventually.within(SOON, "both arrive", () -> hook.requests() == 2 && rows(db).isEmpty());
            }
            Set<String> events = hook.received.stream().map(r -> r.header("X-Gatehouse-Event")).collect(Collectors.toSet());
            assertThat(events).containsExactlyInAnyOrder(left.pk().toString(), halfSent.pk().toString());
        }
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void twoProcessesOnOneDatabaseDeliverEachNotificationOnce(String kind) throws Exception {
        // On PostgreSQL two Databases on one database are two processes (pools, caches, change listeners); on H2
        // (embedded, one process) two deliverers with their own claimants share one.
        String pg = kind.equals("postgres") ? TestDatabases.newPostgresDatabase() : null;
        Database first = pg == null ? TestDatabases.open(kind) : TestDatabases.openPostgres(pg);
        if (pg != null) {
            first.migrate();
        }
        Database second = pg == null ? first : TestDatabases.openPostgres(pg);
        try (WebhookReceiver hook = new WebhookReceiver(n -> 200)) {
            Setup s = setup(first, hook.url(), true, true, TransportMode.WEBHOOK);
            Set<UUID> recorded = new HashSet<>();
            try (QueueWorker<?> a = deliverer(first, QUICK).start();
                 QueueWorker<?> b = deliverer(second, QUICK).start()) {
                for (int i = 0; i < 30; i++) {
                    recorded.add(record(i % 2 == 0 ? first : second, "login_failed", s.alice()).pk());
                }
                Eventually.within(Duration.ofSeconds(30), "all 30 arrive",
                        () -> hook.requests() >= 30 && rows(first).isEmpty());
                Thread.sleep(500);
            }
            assertThat(hook.requests()).isEqualTo(30);
            assertThat(hook.received.stream().map(r -> UUID.fromString(r.header("X-Gatehouse-Event"))))
                    .containsExactlyInAnyOrderElementsOf(recorded);
        } finally {
            if (second != first) {
                second.close();
            }
            first.close();
        }
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void localAndEmailTransportsWriteTheNotificationAndQueueTheMail(String kind) {
        try (Database db = TestDatabases.open(kind)) {
            Setup s = setup(db, "", false, true, TransportMode.LOCAL);
            Transport email = new TransportService(db, TestDatabases.SECRET_KEY).create(Actor.SYSTEM,
                    new TransportChanges("mail", "email", null, null, false));
            new RuleService(db).update(Actor.SYSTEM, s.rule().pk(), new RuleChanges(null,
                    List.of(s.transport().pk(), email.pk()), null, null, null));
            RecordingMailer mailer = new RecordingMailer();
            try (QueueWorker<?> worker = notifications(db, mailer).deliverer(QUICK, NO_POLL, Clock.systemUTC()).start()) {
                Event failed = record(db, "login_failed", s.alice());
                Eventually.within(SOON, "written and queued", () -> rows(db).isEmpty() && mailer.sent().size() == 2);
                for (User u : List.of(s.alice(), s.bob())) {
                    var page = new NotificationStore(db.dsl()).listOfUser(u.pk(),
                            new dev.gatehouse.store.PageRequest(1, 20, null, null, Map.of()));
                    assertThat(page.results()).singleElement().satisfies(n -> {
                        assertThat(n.event()).isEqualTo(failed.pk());
                        assertThat(n.severity()).isEqualTo(Severity.ALERT);
                        assertThat(n.seen()).isFalse();
                    });
                }
                assertThat(mailer.sent()).extracting(m -> m.mail().to())
                        .containsExactlyInAnyOrder("alice@example.org", "bob@example.org");
                assertThat(mailer.sent()).allSatisfy(m -> {
                    assertThat(m.queued()).isTrue();
                    assertThat(m.mail().subject()).contains("login_failed");
                    assertThat(m.mail().text()).contains(failed.pk().toString());
                });
            }
        }
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void withoutRulesNoOutboxRowAndARuleWithoutBindingsMatchesNothing(String kind) throws Exception {
        try (Database db = TestDatabases.open(kind); WebhookReceiver hook = new WebhookReceiver(n -> 200)) {
            User alice = db.tx(dsl -> new UserStore(dsl).insert("alice", "Alice", "alice@example.org", "!", true,
                    UserType.INTERNAL, "users", Map.of()));
            record(db, "login_failed", alice);
            assertThat(rows(db)).isEmpty();
            Transport t = new TransportService(db, TestDatabases.SECRET_KEY).create(Actor.SYSTEM,
                    new TransportChanges("hook", "webhook", hook.url(), null, false));
            new RuleService(db).create(Actor.SYSTEM, new RuleChanges("unbound", List.of(t.pk()), null, null, true));
            Event failed = record(db, "login_failed", alice);
            assertThat(rows(db)).as("the first rule is seen at once (not the cached 'no rules')")
                    .anySatisfy(r -> assertThat(r.event()).isEqualTo(failed.pk()));
            try (QueueWorker<?> worker = deliverer(db, QUICK).start()) {
                Eventually.within(SOON, "matched against the rules", () -> rows(db).isEmpty());
                Thread.sleep(300);
                assertThat(hook.requests()).isZero();
            }
        }
    }
}
